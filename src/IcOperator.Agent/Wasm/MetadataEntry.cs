using System.Text;

namespace IcOperator.Agent.Wasm;

/// <summary>A canister metadata entry (an <c>icp:public</c> or <c>icp:private</c> custom section).</summary>
public sealed record MetadataEntry(string Name, MetadataVisibility Visibility, ReadOnlyMemory<byte> Content)
{
    public string Text => Encoding.UTF8.GetString(Content.Span);
}
