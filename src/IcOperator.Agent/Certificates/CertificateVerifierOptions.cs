namespace IcOperator.Agent.Certificates;

/// <summary>How certificates of one network are trusted.</summary>
public sealed record CertificateVerifierOptions
{
    /// <summary>The network's root key, DER (133 bytes).</summary>
    public required byte[] RootKey { get; init; }

    /// <summary>The BLS12-381 verifier. Without one, every certificate is refused unless <see cref="InsecureSkipSignatureCheck"/>.</summary>
    public IBlsSignatureVerifier? SignatureVerifier { get; init; }

    /// <summary>Only for a network explicitly configured as insecure local: structure, delegation and time are still checked, BLS signatures are not.</summary>
    public bool InsecureSkipSignatureCheck { get; init; }

    /// <summary>How old the certified time may be; the IC's ingress expiry window is 5 minutes.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead of our clock the certified time may be.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Off only for replaying recorded certificates.</summary>
    public bool CheckTime { get; init; } = true;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
