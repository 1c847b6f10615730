namespace IcOperator.Api.V1Alpha1;

/// <summary>Every reason a WasmTemplate's conditions can carry.</summary>
public static class WasmTemplateReasons
{
    public const string AllVersionsVerified = "AllVersionsVerified";
    public const string Fetching = "Fetching";
    public const string FetchFailed = "FetchFailed";
    public const string SourceNotFound = "SourceNotFound";
    public const string TooLarge = "TooLarge";
    public const string HashMismatch = "HashMismatch";
    public const string NotWasm = "NotWasm";
    public const string DuplicateVersion = "DuplicateVersion";
}
