using Autoencoders.Applications.Anomaly;

namespace Autoencoders.Serving.Inference;

/// <summary>What a request asks of the model.</summary>
public enum Operation
{
    Score,
    Encode,
    Reconstruct,
}

/// <summary>One request's rows waiting for a forward pass, and the promise of its answer.</summary>
/// <param name="Rows">Row-major raw rows, shape (RowCount, input size).</param>
/// <param name="Explain">For <see cref="Operation.Score"/>: how many top features to return per row (0: none).</param>
internal sealed record InferenceJob(Operation Operation, float[] Rows, int RowCount, int Explain)
{
    // RunContinuationsAsynchronously: whoever runs the pass must not go on to write other requests' responses.
    public TaskCompletionSource<InferenceResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The model's answer for one job: scores (and top features) for Score, values (codes or reconstructions) otherwise.</summary>
public sealed record InferenceResult(double[]? Scores, FeatureError[][]? Top, float[]? Values, int ValuesPerRow);
