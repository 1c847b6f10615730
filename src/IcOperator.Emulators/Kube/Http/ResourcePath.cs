using IcOperator.Emulators.Kube.Resources;

namespace IcOperator.Emulators.Kube.Http;

/// <summary>A request path resolved to a kind: <c>…/namespaces/{ns}/{plural}/{name}/{subresource}</c>.</summary>
internal sealed record ResourcePath(ResourceType Type, string? Namespace, string? Name, string? Subresource);
