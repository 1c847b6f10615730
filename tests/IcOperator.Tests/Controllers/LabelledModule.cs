using System.Text;
using IcOperator.Candid;

namespace IcOperator.Tests.Controllers;

/// <summary>A real module with a custom section appended: the same code and interface under another module hash, a new "version".</summary>
internal static class LabelledModule
{
    public static byte[] Of(byte[] module, string label)
    {
        var name = Encoding.UTF8.GetBytes("app:label");
        byte[] section = [.. Leb128.EncodeUnsigned((ulong)name.Length), .. name, .. Encoding.UTF8.GetBytes(label)];
        return [.. module, 0, .. Leb128.EncodeUnsigned((ulong)section.Length), .. section];
    }
}
