namespace Autoencoders.Cli.Tests;

/// <summary>What opening a page showed: its images and the errors (console, exceptions, failed loads) in arrival order.</summary>
public sealed record PageCheck(IReadOnlyList<PageImage> Images, IReadOnlyList<string> Errors)
{
    public IReadOnlyList<PageImage> BrokenImages => [.. Images.Where(i => !i.Loaded)];

    public override string ToString() =>
        $"{Images.Count} images, broken: [{string.Join("; ", BrokenImages.Select(i => $"{i.Alt} ({i.Source})"))}], errors: [{string.Join("; ", Errors)}]";
}
