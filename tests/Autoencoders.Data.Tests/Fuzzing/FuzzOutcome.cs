namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>How the cases of a <see cref="LoaderFuzzer"/> run ended: the size sweep's, then the random plans'.</summary>
public sealed record FuzzOutcome(int Swept, int Random, int Loaded, int Refused, TimeSpan Duration)
{
    public int Cases => Loaded + Refused;

    public override string ToString() =>
        $"{Cases} cases ({Swept} size sweep + {Random} random) in {Duration.TotalSeconds:F1} s: {Loaded} loaded, {Refused} refused";
}
