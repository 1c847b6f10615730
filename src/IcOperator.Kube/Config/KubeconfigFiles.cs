using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IcOperator.Kube.Config;

/// <summary>
/// Reads kubeconfig files into the official client's model, which then builds the configuration. The library's own
/// reader goes through its YAML serializer for every Kubernetes type, whose first use reflects over all of them
/// and costs the process about 34 MiB that stay resident; a kubeconfig needs only these few types.
/// </summary>
internal static class KubeconfigFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>One kubeconfig; <paramref name="fileName"/>, when given, is what relative paths in it are relative to.</summary>
    public static K8SConfiguration Parse(string yaml, string source, string? fileName = null)
    {
        try
        {
            var configuration = Yaml.Deserialize<K8SConfiguration?>(yaml) ?? new K8SConfiguration();
            configuration.FileName = fileName;
            return configuration;
        }
        catch (YamlException e)
        {
            throw new InvalidOperationException($"{source}: expected a kubeconfig (YAML), line {e.Start.Line}: {e.Message}", e);
        }
    }

    /// <summary>One kubeconfig file; a missing file is named.</summary>
    public static K8SConfiguration Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"kubeconfig {path} does not exist", path);
        }

        return Parse(File.ReadAllText(full), path, full);
    }

    /// <summary>
    /// Several kubeconfig files merged as the official client and client-go merge <c>$KUBECONFIG</c>: the first file
    /// that sets the current context wins, and a cluster, context, user or extension named in several files is taken
    /// from the first.
    /// </summary>
    public static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> files)
    {
        ArgumentOutOfRangeException.ThrowIfZero(files.Count);
        var merged = files[0];
        foreach (var next in files.Skip(1))
        {
            merged.CurrentContext ??= next.CurrentContext;
            merged.FileName ??= next.FileName;
            merged.Clusters = FirstByName(merged.Clusters, next.Clusters, c => c.Name);
            merged.Contexts = FirstByName(merged.Contexts, next.Contexts, c => c.Name);
            merged.Users = FirstByName(merged.Users, next.Users, u => u.Name);
            merged.Extensions = FirstByName(merged.Extensions, next.Extensions, e => e.Name);
        }

        return merged;
    }

    private static List<T> FirstByName<T>(IEnumerable<T>? first, IEnumerable<T>? then, Func<T, string> name)
    {
        var result = (first ?? []).ToList();
        var names = result.Select(name).ToHashSet(StringComparer.Ordinal);
        result.AddRange((then ?? []).Where(item => names.Add(name(item))));
        return result;
    }
}
