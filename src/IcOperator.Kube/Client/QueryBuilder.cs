using System.Text;

namespace IcOperator.Kube.Client;

/// <summary>Builds a URL query string from optional parameters, escaping each value.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder query = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public override string ToString() => query.ToString();
}
