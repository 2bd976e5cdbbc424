namespace Autoencoders.Cli.Tests;

/// <summary>
/// A fact for the full-size acceptance runs of an issue (minutes of training, not for CI): skipped unless
/// <c>AE_ACCEPTANCE=1</c>. The run writes its figures to <c>$AE_ACCEPTANCE_OUT</c> (default: the temp folder).
/// </summary>
public sealed class AcceptanceFactAttribute : FactAttribute
{
    public AcceptanceFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("AE_ACCEPTANCE") != "1")
            Skip = "a full-size acceptance run: set AE_ACCEPTANCE=1 to run it";
    }

    /// <summary>Where acceptance runs write their figures and reports.</summary>
    public static string OutputFolder
    {
        get
        {
            string folder = Environment.GetEnvironmentVariable("AE_ACCEPTANCE_OUT") ?? Path.Combine(Path.GetTempPath(), "ae-acceptance");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
