namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>OpenBLAS as this process runs it: the library (null where it is missing or failed its self-check), how its
/// kernels were chosen, and why it is not used when it is not.</summary>
internal sealed record OpenBlasState(OpenBlas? Library, string Choice, string? Failure);

/// <summary>
/// Loads OpenBLAS once per process, since it fixes its kernels (its "core") while it initialises. It loads with
/// whatever OPENBLAS_CORETYPE holds; when that is unset and OpenBLAS fell back to its generic core (a CPU its table
/// does not know), the library is unloaded and loaded again with OPENBLAS_CORETYPE set, through libc, to the core
/// the CPU's features allow (<see cref="OpenBlasCoreChoice"/>). Then a few GEMMs are checked against a
/// double-precision reference; if one is wrong, the backend uses the managed GEMM and its name says why.
/// </summary>
internal static class OpenBlasLoader
{
    private static readonly Lazy<OpenBlasState> Loaded = new(Load);

    public static OpenBlasState State => Loaded.Value;

    private static OpenBlasState Load()
    {
        string? userValue = NativeEnvironment.Get(OpenBlasCoreChoice.Variable);
        OpenBlas? library = OpenBlas.TryLoad(OpenBlas.Candidates);
        if (library is null)
            return new OpenBlasState(null, "OpenBLAS is not installed", null);
        string detected = library.CoreName ?? "unknown";
        var features = CpuFeatures.Current;
        bool assumeGeneric = Environment.GetEnvironmentVariable(OpenBlasCoreChoice.AssumeGenericVariable) == "1";
        string choice = userValue is null ? $"OpenBLAS's own detection (CPU: {features})"
            : OpenBlasCoreChoice.IsGeneric(library.CoreName) && OpenBlasCoreChoice.FromFeatures(features) is { } possible
                ? $"{OpenBlasCoreChoice.Variable}={userValue} was set (a generic core: this CPU runs {possible})"
                : $"{OpenBlasCoreChoice.Variable}={userValue} was set";

        if (NativeEnvironment.IsAvailable &&
            OpenBlasCoreChoice.Override(userValue, library.CoreName, features, assumeGeneric) is { } better)
        {
            string path = library.LibraryPath;
            library.Unload();
            NativeEnvironment.SetIfUnset(OpenBlasCoreChoice.Variable, better);
            library = OpenBlas.TryLoad([path]);
            if (library is null)
                return new OpenBlasState(null, $"{path} did not load again with {OpenBlasCoreChoice.Variable}={better}", null);
            choice = library.CoreName == better
                ? $"chosen by ae from the CPU's features ({features}): OpenBLAS's own detection gave {detected}{(assumeGeneric ? $", treated as generic ({OpenBlasCoreChoice.AssumeGenericVariable}=1)" : "")}"
                : $"ae asked for {better} (OpenBLAS's own detection gave {detected}), but OpenBLAS runs {library.CoreName ?? "unknown"}: it was loaded before, elsewhere in this process";
        }

        // Every later call is split over the backend's own threads (see CpuBackend).
        library.SetThreads(1);
        var check = GemmSelfCheck.Run(
            (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) => library.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc),
            GemmSelfCheck.Quick);
        return check.Passed
            ? new OpenBlasState(library, choice, null)
            : new OpenBlasState(null, choice, $"OpenBLAS {library.CoreName} failed its GEMM self-check, {check.FirstFailure}");
    }
}
