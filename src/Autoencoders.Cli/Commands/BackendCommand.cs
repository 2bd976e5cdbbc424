using System.CommandLine;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae backend</c>: which GEMM kernel this machine runs and why, then every awkward GEMM shape checked
/// against a double-precision reference. Exit 0 when all agree, 1 when one does not.</summary>
internal static class BackendCommand
{
    public static Command Create(TextWriter output)
    {
        var threads = CommonOptions.Threads();
        var command = new Command("backend", "Show the math backend (OpenBLAS core or managed GEMM, and why) and check its GEMM against a double-precision reference") { threads };
        command.SetAction(parsed =>
        {
            using var backend = CpuBackend.CreateDefault(CommonOptions.Threads(parsed.GetValue(threads)));
            output.WriteLine($"backend: {backend.Name}");
            output.WriteLine($"gemm: {backend.GemmChoice}");
            var check = backend.CheckGemm();
            output.WriteLine($"self-check: {check}");
            return check.Passed ? ExitCodes.Success : ExitCodes.InternalError;
        });
        return command;
    }
}
