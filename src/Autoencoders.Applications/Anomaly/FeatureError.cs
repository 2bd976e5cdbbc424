namespace Autoencoders.Applications.Anomaly;

/// <summary>One feature's share of a sample's reconstruction error: (xⱼ − x̂ⱼ)² for feature (pixel or column) j.</summary>
public readonly record struct FeatureError(int Feature, double SquaredError);
