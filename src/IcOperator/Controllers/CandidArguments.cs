using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Orchestration;
using IcOperator.Wasm;

namespace IcOperator.Controllers;

/// <summary>
/// Candid text arguments as bytes, typed by the module's candid:service (or candid:args) when it has one, so an
/// argument that does not fit is refused before any call to the IC.
/// </summary>
internal static class CandidArguments
{
    /// <summary>The install argument, checked against the module's init types when it declares them.</summary>
    public static byte[] EncodeInit(string? text, WasmModule module)
    {
        if (text is null)
        {
            return CandidEncoder.Encode([]);
        }

        var types = InitTypes(module);
        return types is null ? CandidEncoder.Encode(CandidText.ParseArguments(text)) : CandidText.EncodeArguments(text, types);
    }

    /// <summary>The install options as bytes, or why they cannot be used.</summary>
    public static (byte[] Argument, GateResult Gate) Install(InstallOptions install, WasmModule module)
    {
        try
        {
            return install.ArgHex is { } hex ? (Convert.FromHexString(hex), GateResult.Pass) : (EncodeInit(install.Arg, module), GateResult.Pass);
        }
        catch (CandidException e)
        {
            return ([], GateResult.Fail(e.Message));
        }
    }

    /// <summary>An update call's argument, checked against the method's argument types when the module declares the method.</summary>
    public static byte[] EncodeCall(string text, string method, WasmModule? module)
    {
        var service = Service(module);
        if (service?.Service is null)
        {
            return CandidEncoder.Encode(CandidText.ParseArguments(text));
        }

        return CandidText.EncodeArguments(text, service.GetMethod(method).Arguments);
    }

    /// <summary>Every post-deploy and pre-delete call's argument, checked before a deploy starts; names the first bad one.</summary>
    public static GateResult CheckCalls(CanisterDeploymentSpec spec, WasmModule module)
    {
        var calls = (spec.PostDeploy ?? []).Select(c => ($"spec.postDeploy[{c.Name}]", c.Method, c.Arg))
            .Concat((spec.PreDelete ?? []).Select(c => ($"spec.preDelete[{c.Name}]", c.Method, c.Arg)));
        foreach (var (field, method, arg) in calls)
        {
            try
            {
                EncodeCall(arg, method, module);
            }
            catch (CandidException e)
            {
                return GateResult.Fail($"{field}: {method}{arg} cannot be sent: {e.Message}");
            }
        }

        return GateResult.Pass;
    }

    private static IReadOnlyList<CandidType>? InitTypes(WasmModule module) =>
        module.Section(WasmMetadataReader.CandidService) is { } service ? DidFile.Parse(service.Text).InitArguments
        : module.Section(WasmMetadataReader.CandidArgs) is { } args ? CandidType.ParseArguments(args.Text)
        : null;

    private static DidFile? Service(WasmModule? module) =>
        module?.Section(WasmMetadataReader.CandidService) is { } service ? DidFile.Parse(service.Text) : null;
}
