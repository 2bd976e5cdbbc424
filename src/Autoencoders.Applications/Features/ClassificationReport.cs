using System.Globalization;
using System.Text;

namespace Autoencoders.Applications.Features;

/// <summary>
/// How well predicted labels match true ones, as scikit-learn's <c>classification_report</c> and
/// <c>confusion_matrix</c>: per-class precision, recall, F1 and support, the accuracy, and the macro (unweighted mean
/// over classes) and support-weighted averages.
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(int[,] confusion, IReadOnlyList<ClassScores> classes, int count)
    {
        ConfusionMatrix = confusion;
        Classes = classes;
        Count = count;
        int correct = 0;
        for (int c = 0; c < classes.Count; c++) correct += confusion[c, c];
        Accuracy = count == 0 ? 0 : (double)correct / count;
        MacroAverage = Average(classes, "macro avg", _ => 1.0);
        WeightedAverage = Average(classes, "weighted avg", scores => scores.Support);
    }

    /// <summary>[true, predicted] counts: row i holds the samples of class i, by the class they were predicted as.</summary>
    public int[,] ConfusionMatrix { get; }

    public IReadOnlyList<ClassScores> Classes { get; }

    public IReadOnlyList<string> ClassNames => [.. Classes.Select(scores => scores.Name)];

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The fraction of samples predicted as their true class.</summary>
    public double Accuracy { get; }

    /// <summary>The unweighted mean of each score over classes; Support is the sample count.</summary>
    public ClassScores MacroAverage { get; }

    /// <summary>The mean of each score over classes weighted by their support.</summary>
    public ClassScores WeightedAverage { get; }

    /// <summary>The report of <paramref name="predicted"/> against <paramref name="actual"/>, labels in [0, classes); the
    /// classes are named by <paramref name="classNames"/> where given (which also fixes their number), else by number.</summary>
    public static ClassificationReport Create(int[] actual, int[] predicted, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"expected one prediction per true label ({actual.Length}), received {predicted.Length}", nameof(predicted));
        int classes = classNames?.Count ?? Math.Max(actual.DefaultIfEmpty(-1).Max(), predicted.DefaultIfEmpty(-1).Max()) + 1;
        var confusion = new int[classes, classes];
        for (int i = 0; i < actual.Length; i++)
        {
            if ((uint)actual[i] >= (uint)classes || (uint)predicted[i] >= (uint)classes)
                throw new ArgumentException($"expected labels in [0, {classes}), received true {actual[i]} and predicted {predicted[i]} at index {i}");
            confusion[actual[i], predicted[i]]++;
        }
        var scores = new ClassScores[classes];
        for (int c = 0; c < classes; c++)
        {
            int truePositives = confusion[c, c], support = 0, predictedAs = 0;
            for (int other = 0; other < classes; other++)
            {
                support += confusion[c, other];
                predictedAs += confusion[other, c];
            }
            double precision = Ratio(truePositives, predictedAs), recall = Ratio(truePositives, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores[c] = new ClassScores(classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture), precision, recall, f1, support);
        }
        return new ClassificationReport(confusion, scores, actual.Length);
    }

    /// <summary>The table of scikit-learn's classification_report: one line per class, then accuracy, macro and weighted averages.</summary>
    public override string ToString() => ToString(digits: 2);

    public string ToString(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        int width = Math.Max("weighted avg".Length, Classes.Select(scores => scores.Name.Length).DefaultIfEmpty(0).Max());
        string number = "F" + digits.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append(' ', width + 1).Append(" precision    recall  f1-score   support\n\n");
        foreach (var scores in Classes) AppendLine(text, scores, width, number);
        text.Append('\n');
        text.Append("accuracy".PadLeft(width)).Append(' ', 1 + 20).Append(' ')
            .Append(Accuracy.ToString(number, CultureInfo.InvariantCulture).PadLeft(9)).Append(' ')
            .Append(Count.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
        AppendLine(text, MacroAverage, width, number);
        AppendLine(text, WeightedAverage, width, number);
        return text.ToString();
    }

    /// <summary>The confusion matrix as a text table: true classes down (numbered and named), predicted classes across
    /// (by number, so that ten long names still fit a terminal).</summary>
    public string ConfusionMatrixText()
    {
        int classes = Classes.Count;
        string[] rowNames = [.. Classes.Select((scores, c) =>
            scores.Name == c.ToString(CultureInfo.InvariantCulture) ? scores.Name : $"{c.ToString(CultureInfo.InvariantCulture)} {scores.Name}")];
        const string corner = "true \\ predicted";
        int nameWidth = Math.Max(corner.Length, rowNames.Select(name => name.Length).DefaultIfEmpty(0).Max());
        int cellWidth = Math.Max(Count, classes - 1).ToString(CultureInfo.InvariantCulture).Length + 2;
        var text = new StringBuilder(corner.PadRight(nameWidth));
        for (int column = 0; column < classes; column++) text.Append(column.ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
        text.Append('\n');
        for (int row = 0; row < classes; row++)
        {
            text.Append(rowNames[row].PadRight(nameWidth));
            for (int column = 0; column < classes; column++)
                text.Append(ConfusionMatrix[row, column].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, ClassScores scores, int width, string number)
    {
        text.Append(scores.Name.PadLeft(width)).Append(' ');
        foreach (double value in (ReadOnlySpan<double>)[scores.Precision, scores.Recall, scores.F1])
            text.Append(' ').Append(value.ToString(number, CultureInfo.InvariantCulture).PadLeft(9));
        text.Append(' ').Append(scores.Support.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static ClassScores Average(IReadOnlyList<ClassScores> classes, string name, Func<ClassScores, double> weight)
    {
        double total = classes.Sum(weight);
        double Mean(Func<ClassScores, double> value) => total == 0 ? 0 : classes.Sum(scores => weight(scores) * value(scores)) / total;
        return new ClassScores(name, Mean(s => s.Precision), Mean(s => s.Recall), Mean(s => s.F1), classes.Sum(scores => scores.Support));
    }
}
