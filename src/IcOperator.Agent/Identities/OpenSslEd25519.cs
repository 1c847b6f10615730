using System.Runtime.InteropServices;

namespace IcOperator.Agent.Identities;

/// <summary>
/// Ed25519 (RFC 8032, pure) through the OpenSSL 3 libcrypto that .NET already uses on Linux; .NET has no Ed25519 API.
/// </summary>
internal static partial class OpenSslEd25519
{
    public const int KeyLength = 32;
    public const int SignatureLength = 64;

    private const string LibCrypto = "libcrypto.so.3";
    private const int EvpPkeyEd25519 = 1087;

    public static Ed25519KeyHandle ImportPrivateKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != KeyLength)
        {
            throw new ArgumentException($"Ed25519 private key: expected {KeyLength} bytes, found {seed.Length}", nameof(seed));
        }

        var handle = NewRawPrivateKey(EvpPkeyEd25519, IntPtr.Zero, seed.ToArray(), KeyLength);
        return handle.IsInvalid ? throw new InvalidOperationException("OpenSSL refused the Ed25519 private key") : handle;
    }

    public static byte[] PublicKey(Ed25519KeyHandle key)
    {
        var buffer = new byte[KeyLength];
        nuint length = KeyLength;
        if (GetRawPublicKey(key, buffer, ref length) != 1 || length != KeyLength)
        {
            throw new InvalidOperationException("OpenSSL could not derive the Ed25519 public key");
        }

        return buffer;
    }

    public static byte[] Sign(Ed25519KeyHandle key, ReadOnlySpan<byte> message)
    {
        var ctx = MdCtxNew();
        try
        {
            if (DigestSignInit(ctx, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) != 1)
            {
                throw new InvalidOperationException("OpenSSL EVP_DigestSignInit failed for Ed25519");
            }

            var signature = new byte[SignatureLength];
            nuint length = SignatureLength;
            return DigestSign(ctx, signature, ref length, message.ToArray(), (nuint)message.Length) == 1 && length == SignatureLength
                ? signature
                : throw new InvalidOperationException("OpenSSL EVP_DigestSign failed for Ed25519");
        }
        finally
        {
            MdCtxFree(ctx);
        }
    }

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != KeyLength || signature.Length != SignatureLength)
        {
            return false;
        }

        using var key = NewRawPublicKey(EvpPkeyEd25519, IntPtr.Zero, publicKey.ToArray(), KeyLength);
        if (key.IsInvalid)
        {
            return false;
        }

        var ctx = MdCtxNew();
        try
        {
            return DigestVerifyInit(ctx, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) == 1
                && DigestVerify(ctx, signature.ToArray(), SignatureLength, message.ToArray(), (nuint)message.Length) == 1;
        }
        finally
        {
            MdCtxFree(ctx);
            ClearErrors();
        }
    }

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_new_raw_private_key")]
    private static partial Ed25519KeyHandle NewRawPrivateKey(int type, IntPtr engine, byte[] key, nuint length);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_new_raw_public_key")]
    private static partial Ed25519KeyHandle NewRawPublicKey(int type, IntPtr engine, byte[] key, nuint length);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_get_raw_public_key")]
    private static partial int GetRawPublicKey(Ed25519KeyHandle key, byte[] buffer, ref nuint length);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_MD_CTX_new")]
    private static partial IntPtr MdCtxNew();

    [LibraryImport(LibCrypto, EntryPoint = "EVP_MD_CTX_free")]
    private static partial void MdCtxFree(IntPtr ctx);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_DigestSignInit")]
    private static partial int DigestSignInit(IntPtr ctx, IntPtr pctx, IntPtr type, IntPtr engine, Ed25519KeyHandle key);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_DigestSign")]
    private static partial int DigestSign(IntPtr ctx, byte[] signature, ref nuint signatureLength, byte[] message, nuint messageLength);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_DigestVerifyInit")]
    private static partial int DigestVerifyInit(IntPtr ctx, IntPtr pctx, IntPtr type, IntPtr engine, Ed25519KeyHandle key);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_DigestVerify")]
    private static partial int DigestVerify(IntPtr ctx, byte[] signature, nuint signatureLength, byte[] message, nuint messageLength);

    [LibraryImport(LibCrypto, EntryPoint = "ERR_clear_error")]
    private static partial void ClearErrors();
}
