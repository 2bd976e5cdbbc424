using Autoencoders.Bench;

return BenchCommand.Run(args);
