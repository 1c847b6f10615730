namespace IcOperator.Emulators.Kube.Resources;

/// <summary>A column of <c>kubectl get</c>: a CRD's <c>additionalPrinterColumns</c> entry.</summary>
internal sealed record PrinterColumn(string Name, string Type, string Format, string Description, int Priority, string JsonPath);
