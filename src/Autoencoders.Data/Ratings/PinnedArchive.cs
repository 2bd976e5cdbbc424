namespace Autoencoders.Data.Ratings;

/// <summary>A downloadable archive's expected size in bytes and SHA-256 (lowercase hex), checked before it is kept.</summary>
public sealed record PinnedArchive(long Bytes, string Sha256);
