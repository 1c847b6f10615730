using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;

namespace IcOperator.Tests.Controllers;

public sealed class OwnStatusWritesTests
{
    private readonly OwnStatusWrites writes = new(TimeProvider.System);

    [Fact]
    public void A_copy_older_than_the_last_write_is_behind_until_the_cache_shows_the_write()
    {
        writes.Seen(Package("10"));
        writes.Expect(Package("11"));

        writes.IsBehind(Package("10")).Should().BeTrue("the cache has not shown version 11 yet");

        writes.Seen(Package("11"));
        writes.IsBehind(Package("10")).Should().BeFalse("the write is in the cache; the reconcile that follows reads it");
        writes.IsBehind(Package("11")).Should().BeFalse();
    }

    [Fact]
    public void A_write_whose_event_came_before_its_response_is_not_waited_for()
    {
        writes.Seen(Package("11"));
        writes.Seen(Package("12"));

        writes.Expect(Package("11"));

        writes.IsBehind(Package("12")).Should().BeFalse("version 11 was already seen, and 12 came after it");
    }

    [Fact]
    public void The_copy_that_carries_the_write_ends_the_wait_without_an_event()
    {
        writes.Expect(Package("11"));

        writes.IsBehind(Package("11")).Should().BeFalse();
        writes.IsBehind(Package("10")).Should().BeFalse("the expectation was met and forgotten");
    }

    [Fact]
    public void Objects_that_were_not_written_are_never_behind_and_a_deleted_object_is_forgotten()
    {
        writes.IsBehind(Package("3")).Should().BeFalse();

        writes.Expect(Package("11"));
        writes.Seen(Package("11"), deleted: true);
        writes.IsBehind(Package("10")).Should().BeFalse();
    }

    private static PackageInstallation Package(string resourceVersion) => new()
    {
        Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "default", ResourceVersion = resourceVersion },
        Spec = new PackageInstallationSpec(),
    };
}
