namespace Autoencoders.Bench;

/// <summary>One figure of <c>--scaling</c>: <paramref name="Runner"/> ("ours", "pytorch") trained <paramref name="Workload"/> at
/// <paramref name="SamplesPerSecond"/> with <paramref name="Value"/> the batch size, width or thread count that
/// <paramref name="Sweep"/> ("batch", "width", "threads") varies.</summary>
internal sealed record ScalingPoint(string Sweep, string Workload, int Value, string Runner, double SamplesPerSecond);
