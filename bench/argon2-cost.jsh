// The cost of one Argon2id hash and one verification with Roster's default parameters (OWASP minimum:
// m=19456 KiB, t=2, p=1), using the same library as the service. Run by bench/login-throughput.sh, or:
//   jshell --class-path bootstrap/target/roster.jar bench/argon2-cost.jsh
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

var encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
var password = "correct horse battery staple";
for (int i = 0; i < 5; i++) encoder.matches(password, encoder.encode(password)); // warm-up
int rounds = 40;
long start = System.nanoTime();
String hash = null;
for (int i = 0; i < rounds; i++) hash = encoder.encode(password);
double hashMs = (System.nanoTime() - start) / 1e6 / rounds;
start = System.nanoTime();
for (int i = 0; i < rounds; i++) encoder.matches(password, hash);
double verifyMs = (System.nanoTime() - start) / 1e6 / rounds;
System.out.printf("argon2id m=19456 t=2 p=1: hash %.1f ms, verify %.1f ms (mean of %d, one thread)%n", hashMs, verifyMs, rounds);
System.out.printf("=> at most %.0f verifications/s per core%n", 1000 / verifyMs);
/exit
