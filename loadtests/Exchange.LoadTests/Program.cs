using Exchange.LoadTests.Commands;

return await Cli.RunAsync(args);
