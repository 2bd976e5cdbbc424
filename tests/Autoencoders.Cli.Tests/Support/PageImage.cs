namespace Autoencoders.Cli.Tests;

/// <summary>One image of a page: loaded when complete with a natural width above zero.</summary>
public sealed record PageImage(string Alt, string Source, bool Complete, int NaturalWidth)
{
    public bool Loaded => Complete && NaturalWidth > 0;
}
