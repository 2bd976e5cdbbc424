using System.Diagnostics;
using Autoencoders.Data.Text;
using Autoencoders.Nn.Baselines;
using Autoencoders.Nn.Text;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Applications.Text;

/// <summary>
/// Document embeddings against latent semantic analysis of the same size: LSA is TF-IDF (the same capped vocabulary,
/// rows L2-normalised as scikit-learn's TfidfVectorizer) + <see cref="TruncatedSvd"/>; each autoencoder is trained on
/// the training documents. Every code is scored by kNN-5 cosine accuracy on the test documents.
/// </summary>
public static class TextComparison
{
    public static TextComparisonRow Lsa(TextSplit split, int code, int vocabulary, ulong seed, IComputeBackend? backend = null)
    {
        var clock = Stopwatch.StartNew();
        var tokenizer = new Tokenizer(vocabulary + 1);
        tokenizer.FitOnTexts(split.Train.Texts);
        int columns = tokenizer.VocabularySize;
        float[] train = tokenizer.TextsToMatrix(split.Train.Texts, BagOfWordsMode.TfIdf), test = tokenizer.TextsToMatrix(split.Test.Texts, BagOfWordsMode.TfIdf);
        DocumentVectors.L2Normalize(train, columns);
        DocumentVectors.L2Normalize(test, columns);
        var svd = TruncatedSvd.Fit(train, columns, code, seed);
        float[] trainCodes = svd.Transform(train), testCodes = svd.Transform(test);
        double seconds = clock.Elapsed.TotalSeconds;
        float[] rebuilt = svd.InverseTransform(testCodes);
        double squares = 0;
        for (int i = 0; i < test.Length; i++) squares += Math.Pow(rebuilt[i] - test[i], 2);
        double accuracy = CosineNeighbours.Accuracy(trainCodes, split.Train.Labels, testCodes, split.Test.Labels, code, backend: backend);
        return new TextComparisonRow("lsa", code, accuracy, squares / test.Length, "mse_tfidf_l2", seconds);
    }

    /// <summary>Trains one autoencoder and scores its codes; the trained embedder comes back for saving.</summary>
    public static TextComparisonRow Autoencoder(TextSplit split, TextAutoencoderOptions options, IComputeBackend backend, out TextEmbedder embedder,
        IEnumerable<Callback>? callbacks = null)
    {
        var clock = Stopwatch.StartNew();
        embedder = TextEmbedder.Train(split.Train, options, backend, out _, callbacks);
        double seconds = clock.Elapsed.TotalSeconds;
        return Score(embedder, split, options.Kind.ToString().ToLowerInvariant(), seconds, backend);
    }

    /// <summary>kNN-5 cosine accuracy of a trained embedder's test codes, and its loss on the test documents.</summary>
    public static TextComparisonRow Score(TextEmbedder embedder, TextSplit split, string name, double trainSeconds, IComputeBackend? backend = null)
    {
        float[] trainCodes = embedder.Encode(split.Train.Texts), testCodes = embedder.Encode(split.Test.Texts);
        double accuracy = CosineNeighbours.Accuracy(trainCodes, split.Train.Labels, testCodes, split.Test.Labels, embedder.CodeSize, backend: backend);
        return new TextComparisonRow(name, embedder.CodeSize, accuracy, embedder.Loss(split.Test.Texts), embedder.Autoencoder.Loss!.Name, trainSeconds);
    }
}
