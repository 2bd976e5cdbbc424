using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The C library's environment, which native code reads with <c>getenv</c>. .NET keeps its own copy on Unix:
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> never reaches <c>getenv</c>, so a variable
/// meant for a native library (OPENBLAS_CORETYPE) goes through libc's <c>setenv</c>. Unix only; elsewhere
/// <see cref="IsAvailable"/> is false.
/// </summary>
internal static unsafe class NativeEnvironment
{
    private static readonly delegate* unmanaged<byte*, byte*> GetFunction = Find("getenv");
    private static readonly delegate* unmanaged<byte*, byte*, int, int> SetFunction = (delegate* unmanaged<byte*, byte*, int, int>)Find("setenv");

    public static bool IsAvailable => GetFunction != null && SetFunction != null;

    /// <summary>The value native code sees, or null where the variable is not set.</summary>
    public static string? Get(string name)
    {
        if (GetFunction == null) return Environment.GetEnvironmentVariable(name);
        nint nameBytes = Marshal.StringToCoTaskMemUTF8(name);
        try { return Marshal.PtrToStringUTF8((nint)GetFunction((byte*)nameBytes)); }
        finally { Marshal.FreeCoTaskMem(nameBytes); }
    }

    /// <summary>Sets <paramref name="name"/> unless it is set already (<c>setenv(name, value, 0)</c>): a value the user
    /// chose always wins. Not thread-safe against concurrent <c>getenv</c> calls, as <c>setenv</c> itself.</summary>
    public static void SetIfUnset(string name, string value)
    {
        if (SetFunction == null)
            throw new PlatformNotSupportedException("setenv is not available on this platform");
        nint nameBytes = Marshal.StringToCoTaskMemUTF8(name), valueBytes = Marshal.StringToCoTaskMemUTF8(value);
        try
        {
            if (SetFunction((byte*)nameBytes, (byte*)valueBytes, 0) != 0)
                throw new InvalidOperationException($"setenv({name}, {value}) failed: errno {Marshal.GetLastSystemError()}");
        }
        finally
        {
            Marshal.FreeCoTaskMem(nameBytes);
            Marshal.FreeCoTaskMem(valueBytes);
        }
    }

    // The C library is already mapped into every Unix process: look its functions up there, by no library name.
    private static delegate* unmanaged<byte*, byte*> Find(string function) =>
        !OperatingSystem.IsWindows() && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), function, out nint address)
            ? (delegate* unmanaged<byte*, byte*>)address
            : null;
}
