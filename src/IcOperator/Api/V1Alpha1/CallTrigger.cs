using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Which deploys run a post-deploy call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallTrigger>))]
public enum CallTrigger
{
    /// <summary>Once, after the module is first installed into the canister.</summary>
    Install,

    /// <summary>After every upgrade to a new module (not after the first install).</summary>
    Upgrade,

    /// <summary>After every install and every upgrade.</summary>
    EveryDeploy,
}
