using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;

namespace Autoencoders.Nn.Text;

/// <summary>
/// Embedding → pooling (<see cref="TextPooling"/>) → Dense: the Keras text classifiers. Two classes end in Dense(1,
/// sigmoid) under binary cross-entropy (the seeds' tutorial: <c>Embedding(50, 8) → Flatten → Dense(1, sigmoid)</c>),
/// more in Dense(C, softmax) under sparse categorical cross-entropy; both compiled with Adam and "accuracy".
/// </summary>
public static class TextClassifier
{
    /// <summary>The recurrent layers' units and the convolution's filters.</summary>
    public const int DefaultUnits = 32;

    public static Sequential Create(int vocabularySize, int embeddingSize, TextPooling pooling, int classes,
        int units = DefaultUnits, float learningRate = Adam.DefaultLearningRate)
    {
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), $"expected at least 2 classes, received {classes}");
        // Padding (id 0) is masked where the layer after the Embedding reads masks; Flatten and Conv1D see it as a word.
        bool maskPadding = pooling is TextPooling.Average or TextPooling.Lstm or TextPooling.Gru;
        var model = new Sequential(new Embedding(vocabularySize, embeddingSize, maskZero: maskPadding)) { Name = "text_classifier" };
        switch (pooling)
        {
            case TextPooling.Flatten: model.Add(new Flatten()); break;
            case TextPooling.Average: model.Add(new GlobalAveragePooling1D()); break;
            case TextPooling.Lstm: model.Add(new Lstm(units)); break;
            case TextPooling.Gru: model.Add(new Gru(units)); break;
            case TextPooling.Conv1D:
                model.Add(new Layers.Conv1D(units, 3, padding: Padding.Same, activation: Activation.Relu));
                model.Add(new GlobalMaxPooling1D());
                break;
            default: throw new ArgumentOutOfRangeException(nameof(pooling), $"unknown pooling {pooling}");
        }
        bool binary = classes == 2;
        model.Add(binary ? new Dense(1, Activation.Sigmoid) : new Dense(classes, Activation.Softmax));
        model.Compile(new Adam(learningRate), binary ? Loss.BinaryCrossEntropy : Loss.SparseCategoricalCrossEntropy, ["accuracy"]);
        return model;
    }

    /// <summary>Each document's predicted class from the model's outputs: p > 0.5 for one sigmoid (Keras's binary accuracy), the argmax of a softmax.</summary>
    public static int[] PredictedClasses(float[] outputs, int documents)
    {
        int columns = outputs.Length / Math.Max(documents, 1);
        var predicted = new int[documents];
        for (int i = 0; i < documents; i++)
        {
            if (columns == 1) { predicted[i] = outputs[i] > 0.5f ? 1 : 0; continue; }
            var row = outputs.AsSpan(i * columns, columns);
            int best = 0;
            for (int c = 1; c < columns; c++) if (row[c] > row[best]) best = c;
            predicted[i] = best;
        }
        return predicted;
    }
}
