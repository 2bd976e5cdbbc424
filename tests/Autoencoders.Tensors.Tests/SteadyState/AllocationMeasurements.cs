namespace Autoencoders.Tensors.Tests.SteadyState;

/// <summary>
/// Tests that count this thread's allocations run alone, after the parallel ones. Kernels' per-thread scratch rows
/// grow to the largest size any thread in the process has needed (ThreadBuffer), so a test running beside one with
/// a larger class count would make it grow a row once, in the middle of its measurement: on a CI host the
/// "allocates nothing once warm" check failed that way with 7,816 bytes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "allocation measurements";
}
