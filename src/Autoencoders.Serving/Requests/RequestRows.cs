namespace Autoencoders.Serving.Requests;

/// <summary>The rows of one request in the model's column order, raw units: shape (Count, input size), row-major.</summary>
/// <param name="Explain">The body's <c>"explain"</c> field, when it has one.</param>
public sealed record RequestRows(float[] Values, int Count, int? Explain);
