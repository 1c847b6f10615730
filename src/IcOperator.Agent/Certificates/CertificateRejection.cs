namespace IcOperator.Agent.Certificates;

/// <summary>Why a certificate was not accepted.</summary>
public enum CertificateRejection
{
    Malformed,
    InvalidSignature,

    /// <summary>No BLS verifier is configured and the network is not marked insecure-local: refuse rather than trust.</summary>
    NoSignatureVerifier,
    TooManyDelegations,
    DelegationKeyMissing,
    InvalidPublicKey,

    /// <summary>The canister or subnet asked about is outside what the delegation covers.</summary>
    NotAuthorized,
    CanisterRangesUnknown,
    MissingTime,
    TooOld,
    InFuture,
}
