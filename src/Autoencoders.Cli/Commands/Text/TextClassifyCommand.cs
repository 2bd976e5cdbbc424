using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Features;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Text;
using Autoencoders.Drawing;
using Autoencoders.Nn.Text;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands.Text;

/// <summary>
/// <c>ae text classify</c>: the seeds' word-embedding tutorial, and any text classifier like it. Encodes the documents
/// (a fitted tokenizer or md5 hashing, padded to one length), trains Embedding → pooling → Dense with Adam, and scores
/// the test part (or, with none, the training documents, as the tutorial does): accuracy, scikit-learn's
/// classification report, training.png (loss and accuracy on two y-axes), predictions.csv, the model.
/// </summary>
internal static class TextClassifyCommand
{
    // The tutorial's Keras fit: batch 32, so ten sentences are one full batch per epoch.
    private const int DefaultBatch = 32;

    public static Command Create(TextWriter output)
    {
        var data = new TextDataOptions();
        var encoding = new Option<string>("--encoding") { Description = "tokenizer: words numbered by frequency (Keras's Tokenizer); hash: md5 hashing trick (Keras's one_hot, the tutorial's), needs --vocabulary", DefaultValueFactory = _ => "tokenizer", HelpName = "tokenizer|hash" };
        var vocabulary = new Option<int?>("--vocabulary") { Description = "ids 0…N−1: the tokenizer keeps the N−1 most frequent words (default: all); hash: N buckets", HelpName = "N" };
        var maxLength = new Option<int?>("--max-length") { Description = "words per document after padding and truncating (default: the longest training document)", HelpName = "N" };
        var padding = new Option<string>("--padding") { Description = "pad and truncate at the end (post, the tutorial's) or the start (pre, Keras's default)", DefaultValueFactory = _ => "post", HelpName = "post|pre" };
        var embedding = new Option<int>("--embedding") { Description = "the size of each word vector", DefaultValueFactory = _ => 8, HelpName = "N" };
        var pooling = new Option<string>("--pooling") { Description = "what turns the word vectors into one: flatten (the tutorial), average, lstm, gru, conv1d", DefaultValueFactory = _ => "flatten", HelpName = "flatten|average|lstm|gru|conv1d" };
        var units = new Option<int>("--units") { Description = "units of the LSTM/GRU, filters of the Conv1D", DefaultValueFactory = _ => TextClassifier.DefaultUnits, HelpName = "N" };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training documents", DefaultValueFactory = _ => 50, HelpName = "N" };
        var batch = new Option<int>("--batch") { Description = "documents per step", DefaultValueFactory = _ => DefaultBatch, HelpName = "N" };
        var learningRate = new Option<float>("--lr") { Description = "Adam's learning rate", DefaultValueFactory = _ => 1e-3f, HelpName = "F" };
        var threads = CommonOptions.Threads();
        var outFolder = new Option<string>("--out") { Description = "folder for model.safetensors, history.csv, metrics.json, training.png, predictions.csv", Required = true, HelpName = "DIR" };
        var command = new Command("classify", "Train a text classifier (Embedding → flatten|average|lstm|gru|conv1d → Dense) and score it: accuracy, classification report, training.png, predictions.csv");
        foreach (var option in data.All) command.Options.Add(option);
        foreach (Option option in (Option[])[encoding, vocabulary, maxLength, padding, embedding, pooling, units, epochs, batch, learningRate, threads, outFolder])
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var settings = new TextClassifySettings(
                TextClassifySettings.ParseEncoding(parsed.GetValue(encoding)!), parsed.GetValue(vocabulary), parsed.GetValue(maxLength), TextClassifySettings.ParseSide(parsed.GetValue(padding)!),
                CommonOptions.Positive(parsed.GetValue(embedding), "--embedding"), TextClassifySettings.ParsePooling(parsed.GetValue(pooling)!),
                CommonOptions.Positive(parsed.GetValue(units), "--units"), CommonOptions.Positive(parsed.GetValue(epochs), "--epochs"),
                CommonOptions.Positive(parsed.GetValue(batch), "--batch"), parsed.GetValue(learningRate), parsed.GetValue(data.Seed),
                CommonOptions.Threads(parsed.GetValue(threads)), parsed.GetValue(outFolder)!);
            settings.Validate();
            var split = data.Load(parsed, classifier: true);
            return Run(settings, split, output);
        });
        return command;
    }

    private static int Run(TextClassifySettings settings, TextSplit split, TextWriter output)
    {
        var train = split.Train;
        bool scoredOnTraining = split.Test.Count == 0;
        var evaluated = scoredOnTraining ? train : split.Test;
        var encoder = settings.Hash
            ? TextEncoder.Hash(train.Texts, settings.Vocabulary!.Value, settings.MaxLength, settings.Padding, settings.Padding)
            : TextEncoder.FitTokenizer(train.Texts, settings.Vocabulary, settings.MaxLength, settings.Padding, settings.Padding);

        output.WriteLine($"ae text classify: {split.Description}, {train.ClassNames.Count} classes ({string.Join(", ", train.ClassNames)})");
        output.WriteLine(encoder.Hashing
            ? $"vocabulary size: {encoder.VocabularySize} (md5 hashing trick of {DistinctWords(train.Texts):N0} distinct words; id 0 is padding)"
            : $"vocabulary size: {encoder.VocabularySize} ({encoder.Tokenizer!.WordIndex.Count:N0} distinct words{(settings.Vocabulary is { } v ? $", the {v - 1:N0} most frequent kept" : "")}; id 0 is padding)");
        var sequences = encoder.Sequences(train.Texts);
        output.WriteLine($"encoded documents{Shown(sequences.Count)}:");
        output.WriteLine(SequenceText.PythonList(sequences, ShownDocuments));
        float[] ids = encoder.Encode(train.Texts);
        output.WriteLine($"padded documents (length {encoder.MaxLength}, padding {(encoder.Padding == PaddingSide.Post ? "post" : "pre")}){Shown(sequences.Count)}:");
        output.WriteLine(SequenceText.NumpyMatrix(ids, encoder.MaxLength, ShownDocuments));

        using var backend = CpuBackend.CreateDefault(settings.Threads);
        var model = TextClassifier.Create(encoder.VocabularySize, settings.Embedding, settings.Pooling, train.ClassNames.Count, settings.Units, settings.LearningRate);
        model.Backend = backend;
        model.Build(new Shape(encoder.MaxLength), unchecked((ulong)settings.Seed));
        output.Write(model.Summary());

        Directory.CreateDirectory(settings.Out);
        var inputs = new Dataset(ids, encoder.MaxLength);
        var targets = new Dataset([.. train.Labels.Select(l => (float)l)], 1);
        var history = TrainingProgress.Fit(model, inputs, new FitOptions { Epochs = settings.Epochs, BatchSize = settings.Batch, Seed = settings.Seed }, output, targets);

        double trainAccuracy = Accuracy(model, encoder, train, out int[] predicted, out float[] outputs);
        double accuracy = scoredOnTraining ? trainAccuracy : Accuracy(model, encoder, evaluated, out predicted, out outputs);
        var report = ClassificationReport.Create(evaluated.Labels, predicted, train.ClassNames);
        double majority = (double)evaluated.ClassCounts().Max() / evaluated.Count;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training accuracy: {trainAccuracy * 100:F6} % ({train.Count:N0} documents)"));
        if (!scoredOnTraining)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {accuracy * 100:F6} % ({evaluated.Count:N0} documents; majority class {majority * 100:F2} %)"));
        output.WriteLine($"classification report on the {(scoredOnTraining ? "training" : "test")} documents:");
        output.Write(report.ToString());

        TextClassifyFiles.Write(settings, split, model, encoder, history, evaluated, predicted, outputs,
            new TextClassifyScores(scoredOnTraining, trainAccuracy, accuracy, majority, report));
        output.WriteLine($"wrote {settings.Out}/model.safetensors, history.csv, metrics.json, training.png, predictions.csv");
        return ExitCodes.Success;
    }

    private const int ShownDocuments = 10;

    private static string Shown(int count) => count > ShownDocuments ? $" (the first {ShownDocuments} of {count:N0})" : "";

    private static int DistinctWords(IEnumerable<string> texts) => texts.SelectMany(t => WordSequence.Split(t)).Distinct().Count();

    /// <summary>The fraction of <paramref name="corpus"/> predicted right, with each prediction and the model's outputs.</summary>
    private static double Accuracy(Nn.Models.Model model, TextEncoder encoder, TextCorpus corpus, out int[] predicted, out float[] outputs)
    {
        outputs = model.Predict(new Dataset(encoder.Encode(corpus.Texts), encoder.MaxLength));
        predicted = TextClassifier.PredictedClasses(outputs, corpus.Count);
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++) if (predicted[i] == corpus.Labels[i]) correct++;
        return (double)correct / corpus.Count;
    }

}
