using IcOperator.Cli;

return await OperatorCli.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
