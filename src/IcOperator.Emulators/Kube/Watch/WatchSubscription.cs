using System.Text.Json.Nodes;
using System.Threading.Channels;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Selection;
using IcOperator.Emulators.Kube.Storage;

namespace IcOperator.Emulators.Kube.Watch;

/// <summary>
/// One open watch: the events it is owed, already translated for its selectors (an object that starts
/// to match arrives as ADDED, one that stops matching as DELETED, as the API server's watch cache does).
/// </summary>
internal sealed class WatchSubscription
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSubscription(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields)
    {
        Type = type;
        Namespace = ns;
        Labels = labels;
        Fields = fields;
    }

    public ResourceType Type { get; }

    public string? Namespace { get; }

    public LabelSelector Labels { get; }

    public FieldSelector Fields { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    public bool Matches(JsonObject obj) =>
        (Namespace is null || Meta.Namespace(obj) == Namespace) && Labels.Matches(obj) && Fields.Matches(obj);

    /// <summary>Queues <paramref name="change"/> as this watch sees it; called in commit order.</summary>
    public void Offer(WatchEvent change)
    {
        if (change.Type is "BOOKMARK" or "ERROR")
        {
            _events.Writer.TryWrite(change);
            return;
        }

        if (change.StorageKey != Type.StorageKey)
        {
            return;
        }

        var now = Matches(change.Object);
        var before = change.Previous is not null && Matches(change.Previous);
        var seen = change.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => now ? "DELETED" : null,
            _ => (now, before) switch
            {
                (true, true) => "MODIFIED",
                (true, false) => "ADDED",
                (false, true) => "DELETED",
                _ => null,
            },
        };
        if (seen is not null)
        {
            _events.Writer.TryWrite(change with { Type = seen });
        }
    }

    public void Close() => _events.Writer.TryComplete();
}
