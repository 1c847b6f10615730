using System.Runtime.InteropServices;

namespace IcOperator.Agent.Identities;

/// <summary>An OpenSSL EVP_PKEY, freed when disposed or finalized.</summary>
internal sealed partial class Ed25519KeyHandle : SafeHandle
{
    public Ed25519KeyHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Free(handle);
        return true;
    }

    [LibraryImport("libcrypto.so.3", EntryPoint = "EVP_PKEY_free")]
    private static partial void Free(IntPtr key);
}
