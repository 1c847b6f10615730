using System.IO.Pipelines;
using System.Net;
using IcOperator.Cli;

namespace IcOperator.Tests.Cli;

/// <summary>`ic-operator emulator ic`: its options are checked at parse time, and it serves until stopped.</summary>
public sealed class EmulatorIcCommandTests
{
    [Theory]
    [InlineData("--log-capacity", "0", "--log-capacity: expected at least 1 record, found 0.")]
    [InlineData("--ingress-rate", "0", "--ingress-rate: expected at least 1 message per second, found 0.")]
    [InlineData("--update-latency", "soon", "--update-latency: expected a duration such as 1s or 250ms, found 'soon'.")]
    [InlineData("--certification-round", "-", "--certification-round: expected a duration such as 1s or 250ms, found '-'.")]
    public void A_bad_value_is_a_parse_error_naming_the_option(string option, string value, string error)
    {
        var parse = OperatorCli.Build().Parse(["emulator", "ic", option, value]);

        parse.Errors.Select(e => e.Message).Should().Contain(error);
    }

    [Fact]
    public async Task It_serves_with_the_options_given_until_stopped()
    {
        var pipe = new Pipe();
        using var stop = new CancellationTokenSource();
        var parse = OperatorCli.Build().Parse(["emulator", "ic", "--log-capacity", "10", "--update-latency", "1ms", "--certification-round", "5ms"]);
        parse.Errors.Should().BeEmpty();
        await using var printed = new StreamWriter(pipe.Writer.AsStream()) { AutoFlush = true };
        parse.InvocationConfiguration.Output = printed;
        var run = Task.Run(() => parse.InvokeAsync(parse.InvocationConfiguration, stop.Token));

        using var lines = new StreamReader(pipe.Reader.AsStream());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await lines.ReadLineAsync(deadline.Token);
        first.Should().StartWith("IC emulator listening on http://127.0.0.1:");
        using var http = new HttpClient();
        using var status = await http.GetAsync(new Uri(new Uri(first!["IC emulator listening on ".Length..]), "api/v2/status"), deadline.Token);
        status.StatusCode.Should().Be(HttpStatusCode.OK);

        await stop.CancelAsync();
        (await run.WaitAsync(deadline.Token)).Should().Be(0);
    }
}
