using Exchange.Client.Cli;

return await ExchangeCli.RunAsync(args, CliContext.FromProcess());
