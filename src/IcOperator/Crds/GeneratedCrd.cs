namespace IcOperator.Crds;

/// <summary>One generated CustomResourceDefinition: the file it belongs in and its YAML.</summary>
internal sealed record GeneratedCrd(string Kind, string FileName, string Yaml);
