namespace Autoencoders.Nn.Tests.Training;

/// <summary>
/// Tests that count this thread's allocations run alone, after the parallel ones. Kernels' per-thread scratch rows
/// grow to the largest size any thread in the process has needed, so a test running beside one with larger shapes
/// would make it grow a row once, in the middle of its measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "allocation measurements";
}
