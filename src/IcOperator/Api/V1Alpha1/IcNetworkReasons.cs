namespace IcOperator.Api.V1Alpha1;

/// <summary>Every reason an IcNetwork's conditions can carry.</summary>
public static class IcNetworkReasons
{
    public const string Connected = "Connected";
    public const string InvalidUrl = "InvalidUrl";
    public const string RootKeyFetchNotAllowed = "RootKeyFetchNotAllowed";
    public const string InvalidRootKey = "InvalidRootKey";
    public const string IdentitySecretNotFound = "IdentitySecretNotFound";
    public const string IdentityKeyNotFound = "IdentityKeyNotFound";
    public const string InvalidIdentity = "InvalidIdentity";
    public const string Unreachable = "Unreachable";
    public const string ReplicaUnhealthy = "ReplicaUnhealthy";
    public const string RootKeyMismatch = "RootKeyMismatch";

    /// <summary>An event reason, not a condition's: the shared chunk-store canister was created.</summary>
    public const string ChunkStoreCreated = "ChunkStoreCreated";

    /// <summary>An event reason: a chunk-store canister runs the operator's upgrader module.</summary>
    public const string UpgraderInstalled = "UpgraderInstalled";

    /// <summary>An event reason: the upgrader module could not be installed into a chunk-store canister.</summary>
    public const string UpgraderInstallFailed = "UpgraderInstallFailed";

    /// <summary>An event reason: a chunk store was cleared of template versions no deployment uses any more.</summary>
    public const string ChunkStoreCleared = "ChunkStoreCleared";
}
