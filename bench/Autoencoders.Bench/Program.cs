using Autoencoders.Bench;

if (args.FirstOrDefault() == "serve-load") return Autoencoders.Bench.Serving.ServeLoad.Run(args[1..]);
return args.FirstOrDefault() == "gemm" ? GemmBench.Run(args[1..]) : BenchCommand.Run(args);
