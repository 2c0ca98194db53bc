process.env.BENCH_SCALE = '0.1';
const orig = process.stdout.write.bind(process.stdout);
// reuse the bench generator by importing the bench module is heavy; copy minimal: run the bench itself
await import('../bench/parse.ts');
