using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using IcOperator.Wasm;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>Module bytes from ConfigMaps, read through the Kubernetes API.</summary>
internal sealed class KubeConfigMapSource(IKubeClient client) : IConfigMapSource
{
    public async Task<byte[]?> GetBinaryDataAsync(string @namespace, string name, string key, CancellationToken cancellation)
    {
        var configMap = await client.TryGetAsync(CoreResources.ConfigMaps, name, @namespace, cancellation);
        if (configMap?.BinaryData?.TryGetValue(key, out var bytes) == true)
        {
            return bytes;
        }

        return configMap?.Data?.TryGetValue(key, out var text) == true ? System.Text.Encoding.UTF8.GetBytes(text) : null;
    }
}
