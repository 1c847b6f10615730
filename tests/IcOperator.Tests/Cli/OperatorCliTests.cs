using IcOperator.Cli;

namespace IcOperator.Tests.Cli;

public sealed class OperatorCliTests
{
    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var output = new StringWriter();
        var parse = OperatorCli.Build().Parse(["version"]);
        parse.InvocationConfiguration.Output = output;
        var exit = await parse.InvokeAsync();
        exit.Should().Be(0);
        output.ToString().Trim().Should().Be(VersionCommand.Version).And.NotBeEmpty();
    }

    [Fact]
    public void Unknown_command_is_a_parse_error()
    {
        var parse = OperatorCli.Build().Parse(["no-such-command"]);
        parse.Errors.Should().NotBeEmpty();
    }
}
