using IcOperator.Testing;
using IcOperator.Tests.Crds;

namespace IcOperator.Tests.Argocd;

/// <summary>
/// Runs our Argo CD scripts in the real Lua 5.1 the way Argo CD's gopher-lua does: the object in the
/// global <c>obj</c>, the script's return value as the result.
/// </summary>
internal static class ArgoLua
{
    public static string Customizations { get; } = Path.Combine(TestPaths.RepoRoot, "config", "argocd", "resource_customizations", "ic-operator.dev");

    // JSON out of Lua, so C# compares whole objects; keys sorted for stable output.
    private const string JsonEncoder = """
        local function quote(s)
          return '"' .. string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
        end
        local function encode(v)
          local t = type(v)
          if t == "table" then
            if next(v) == nil then return "{}" end
            if #v > 0 then
              local parts = {}
              for _, item in ipairs(v) do parts[#parts + 1] = encode(item) end
              return "[" .. table.concat(parts, ",") .. "]"
            end
            local keys = {}
            for k in pairs(v) do keys[#keys + 1] = k end
            table.sort(keys)
            local parts = {}
            for _, k in ipairs(keys) do parts[#parts + 1] = quote(k) .. ":" .. encode(v[k]) end
            return "{" .. table.concat(parts, ",") .. "}"
          elseif t == "string" then return quote(v)
          elseif t == "number" or t == "boolean" then return tostring(v)
          end
          return "null"
        end
        """;

    public static object? ReadYaml(string path) => YamlTree.Parse(File.ReadAllText(path));

    /// <summary>The health script's status and message for the object.</summary>
    public static async Task<(string Status, string Message)> HealthAsync(string kindDirectory, object? obj)
    {
        var run = await RunAsync(kindDirectory, $"""
            obj = {LuaLiteral.Of(obj)}
            local hs = dofile("health.lua")
            io.write(hs.status, "\n", hs.message)
            """);
        var lines = run.Stdout.Split('\n', 2);
        return (lines[0], lines.Length > 1 ? lines[1] : string.Empty);
    }

    /// <summary>The actions discovery.lua offers, as JSON (<c>{"name":{"disabled":bool}}</c>).</summary>
    public static async Task<string> DiscoverAsync(string kindDirectory, object? obj) =>
        (await RunAsync(Path.Combine(kindDirectory, "actions"), $"""
            {JsonEncoder}
            obj = {LuaLiteral.Of(obj)}
            io.write(encode(dofile("discovery.lua")))
            """)).Stdout;

    /// <summary>The object an action returns, as JSON; <paramref name="clock"/> pins <c>os.date</c> to one instant when given.</summary>
    public static async Task<string> ActAsync(string kindDirectory, string action, object? obj, long? clock)
    {
        var pin = clock is { } seconds ? $"local date = os.date; os.date = function(format, time) return date(format, time or {seconds}) end" : string.Empty;
        return (await RunAsync(Path.Combine(kindDirectory, "actions"), $"""
            {JsonEncoder}
            {pin}
            obj = {LuaLiteral.Of(obj)}
            io.write(encode(dofile("{action}/action.lua")))
            """)).Stdout;
    }

    private static async Task<ToolResult> RunAsync(string directory, string script) =>
        (await ToolRun.RunAsync(PeerTools.Lua!, ["-"], directory, stdin: script)).ShouldSucceed();
}
