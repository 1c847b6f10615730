using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IcOperator.Kube.Resources;

/// <summary>
/// Where a kind lives in the API (group, version, plural, namespaced or cluster-wide) and how its JSON is
/// read and written. An operator declares one per resource type, with the type info of its own
/// source-generated <c>JsonSerializerContext</c>.
/// </summary>
public sealed class KubeResource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public KubeResource(string group, string version, string plural, string kind, bool namespaced, JsonTypeInfo<T> typeInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentException.ThrowIfNullOrEmpty(plural);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!typeInfo.Options.TryGetTypeInfo(typeof(JsonElement), out _))
        {
            // Found here rather than on the first write of an object the server gave managedFields.
            throw new ArgumentException(
                $"{kind}: its JsonSerializerContext must also declare [JsonSerializable(typeof(JsonElement))], the type of metadata.managedFields[].fieldsV1",
                nameof(typeInfo));
        }

        Group = group ?? string.Empty;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
        TypeInfo = typeInfo;
    }

    public string Group { get; }

    public string Version { get; }

    public string Plural { get; }

    public string Kind { get; }

    public bool Namespaced { get; }

    public JsonTypeInfo<T> TypeInfo { get; }

    /// <summary><c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Name used in logs, metrics and errors, e.g. <c>canisterdeployments.ic-operator.dev</c>.</summary>
    public string DisplayName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The URL path of the collection, an object or its subresource.</summary>
    public string PathFor(string? @namespace, string? name = null, string? subresource = null)
    {
        var path = new StringBuilder(Group.Length == 0 ? "/api/" : $"/apis/{Group}/");
        path.Append(Version);
        if (Namespaced && !string.IsNullOrEmpty(@namespace))
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(@namespace));
        }
        else if (Namespaced && name is not null)
        {
            throw new ArgumentException($"{DisplayName} is namespaced: a namespace is required to address '{name}'", nameof(@namespace));
        }

        path.Append('/').Append(Plural);
        if (name is not null)
        {
            path.Append('/').Append(Uri.EscapeDataString(name));
            if (subresource is not null)
            {
                path.Append('/').Append(subresource);
            }
        }

        return path.ToString();
    }

    public override string ToString() => DisplayName;
}
