using System.CommandLine;
using IcOperator.Cli;
using IcOperator.Emulators.Ic;

namespace IcOperator.Tests.Cli;

public sealed class AuditCommandTests
{
    [Fact]
    public async Task Verify_refuses_a_log_id_that_is_not_a_principal_naming_the_option()
    {
        var (exit, _, error) = await Run("audit", "verify", "--network", "http://127.0.0.1:1", "--log", "not a principal");

        exit.Should().Be(2);
        error.Should().Contain("--log");
    }

    [Fact]
    public async Task Verify_refuses_a_network_that_is_not_an_http_url()
    {
        var (exit, _, error) = await Run("audit", "verify", "--network", "icp-api.io", "--log", "ryjl3-tyaaa-aaaaa-aaaba-cai");

        exit.Should().Be(2);
        error.Should().Contain("--network must be an http(s) URL");
    }

    [Fact]
    public async Task Verify_exits_non_zero_when_the_log_cannot_be_read()
    {
        await using var ic = await IcEmulator.StartAsync();

        var (exit, output, error) = await Run("audit", "verify", "--network", ic.Url.ToString(), "--log", "ryjl3-tyaaa-aaaaa-aaaba-cai", "--root-key", ic.RootKeyHex);

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("cannot read log ryjl3-tyaaa-aaaaa-aaaba-cai");
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(AuditCommand.Create());
        var parse = root.Parse(args);
        var output = new StringWriter();
        var error = new StringWriter();
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        var exit = await parse.InvokeAsync();
        return (exit, output.ToString(), error.ToString());
    }
}
