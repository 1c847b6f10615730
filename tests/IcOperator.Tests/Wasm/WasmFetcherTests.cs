using System.Net;
using IcOperator.Api.V1Alpha1;
using IcOperator.Wasm;

namespace IcOperator.Tests.Wasm;

public sealed class WasmFetcherTests
{
    private static readonly byte[] Module = new TestWasm().Public("cdk:name", "test").Build();

    private static WasmFetcher Fetcher(HttpMessageHandler? handler = null, InMemoryConfigMaps? configMaps = null, WasmFetchOptions? options = null) =>
        new(new HttpClient(handler ?? StubHttpHandler.Serving(Module)), configMaps ?? new InMemoryConfigMaps(), options ?? new WasmFetchOptions());

    [Fact]
    public async Task Inline_base64_is_decoded()
    {
        var bytes = await Fetcher().FetchAsync("ns", new WasmSource { Inline = Convert.ToBase64String(Module) }, "spec.versions[0].source", default);
        bytes.Should().Equal(Module);
    }

    [Fact]
    public async Task Inline_text_that_is_not_base64_names_the_field()
    {
        var act = () => Fetcher().FetchAsync("ns", new WasmSource { Inline = "not base64!" }, "spec.versions[0].source", default);
        (await act.Should().ThrowAsync<WasmException>()).Which.Message.Should().StartWith("spec.versions[0].source.inline: expected base64");
    }

    [Fact]
    public async Task Config_map_binary_data_is_read_and_a_missing_key_is_reported()
    {
        var configMaps = new InMemoryConfigMaps();
        configMaps.Data[("ns", "tpl", "module.wasm")] = Module;
        var fetcher = Fetcher(configMaps: configMaps);
        (await fetcher.FetchAsync("ns", new WasmSource { ConfigMap = new KeyReference { Name = "tpl", Key = "module.wasm" } }, "f", default)).Should().Equal(Module);

        var act = () => fetcher.FetchAsync("ns", new WasmSource { ConfigMap = new KeyReference { Name = "tpl", Key = "other" } }, "f", default);
        var error = (await act.Should().ThrowAsync<WasmException>()).Which;
        error.Reason.Should().Be(WasmTemplateReasons.SourceNotFound);
        error.Terminal.Should().BeFalse("the ConfigMap may be created later");
        error.Message.Should().Contain("ns/tpl").And.Contain("other");
    }

    [Fact]
    public async Task Url_is_downloaded()
    {
        var handler = StubHttpHandler.Serving(Module);
        var bytes = await Fetcher(handler).FetchAsync("ns", new WasmSource { Url = "https://example.org/m.wasm" }, "f", default);
        bytes.Should().Equal(Module);
        handler.Requests.Should().Be(1);
    }

    [Fact]
    public async Task Http_errors_are_reported_as_retryable_fetch_failures()
    {
        var act = () => Fetcher(StubHttpHandler.Serving([], HttpStatusCode.NotFound)).FetchAsync("ns", new WasmSource { Url = "https://example.org/m.wasm" }, "f", default);
        var error = (await act.Should().ThrowAsync<WasmException>()).Which;
        error.Reason.Should().Be(WasmTemplateReasons.FetchFailed);
        error.Terminal.Should().BeFalse();
        error.Message.Should().Contain("404");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_even_without_a_content_length()
    {
        var streamed = new StubHttpHandler((_, _) =>
        {
            var content = new StreamContent(new MemoryStream(new byte[5000]));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });
        var act = () => Fetcher(streamed, options: new WasmFetchOptions { MaxSize = 4096 }).FetchAsync("ns", new WasmSource { Url = "https://example.org/big" }, "f", default);
        var error = (await act.Should().ThrowAsync<WasmException>()).Which;
        error.Reason.Should().Be(WasmTemplateReasons.TooLarge);
        error.Message.Should().Contain("4096");
    }

    [Fact]
    public async Task A_download_that_hangs_times_out()
    {
        var hanging = new StubHttpHandler(async (_, cancellation) =>
        {
            await Task.Delay(Timeout.Infinite, cancellation);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var act = () => Fetcher(hanging, options: new WasmFetchOptions { Timeout = TimeSpan.FromMilliseconds(50) }).FetchAsync("ns", new WasmSource { Url = "https://example.org/slow" }, "f", default);
        var error = (await act.Should().ThrowAsync<WasmException>()).Which;
        error.Reason.Should().Be(WasmTemplateReasons.FetchFailed);
        error.Message.Should().Contain("took longer than");
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        var hanging = new StubHttpHandler(async (_, cancellation) =>
        {
            await Task.Delay(Timeout.Infinite, cancellation);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var cancel = new CancellationTokenSource();
        var fetch = Fetcher(hanging).FetchAsync("ns", new WasmSource { Url = "https://example.org/slow" }, "f", cancel.Token);
        await cancel.CancelAsync();
        await fetch.Invoking(f => f).Should().ThrowAsync<OperationCanceledException>();
    }
}
