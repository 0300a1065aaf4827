using Exchange.Cli;

return await ExchangeCli.RunAsync(args, CliContext.FromProcess());
