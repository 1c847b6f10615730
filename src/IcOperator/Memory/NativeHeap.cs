using System.Runtime.InteropServices;

namespace IcOperator.Memory;

/// <summary>
/// glibc's malloc heap, where the runtime and native libraries (TLS, the JIT) allocate. Freed chunks stay
/// resident until trimmed: at 1,000 deployments about 10 of its 20 MiB were free (bench/README.md).
/// </summary>
internal static partial class NativeHeap
{
    private static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>Returns the heap's free pages to the kernel; true when some were returned (never without glibc).</summary>
    public static bool Trim()
    {
        if (unavailable)
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true;
            return false;
        }
    }

    // Blittable arguments only: no marshalling, so no unsafe code is needed.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
