// Passwords of 12+ characters that top the public breach lists (SecLists, NCSC's 100k list), plus
// Italian favourites. Compared in lower case. A short list on purpose: the length rule does most work.
export const COMMON_PASSWORDS = new Set([
  "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111",
  "000000000000", "123123123123", "987654321098", "qwertyuiopas", "qwertyuiop12",
  "qwertyuiop123", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "q1w2e3r4t5y6",
  "asdfghjkl123", "qwerty123456", "123456qwerty", "password1234", "password12345",
  "password123456", "passwordpassword", "password1234!", "p@ssw0rd1234", "passw0rd1234",
  "iloveyou1234", "princess1234", "football1234", "baseball1234", "welcome12345",
  "welcome123456", "letmein12345", "trustno11234", "sunshine1234", "superman1234",
  "starwars1234", "monkey123456", "dragon123456", "administrator", "administrator1",
  "admin1234567", "admin12345678", "changeme1234", "abcdefghijkl", "abcdef123456",
  "abc123456789", "aaaaaaaaaaaa", "lovelovelove", "whatever1234", "michael12345",
  "passwordtavolo", "tavolopoverta", "tavolopoverta1", "comune123456", "comunedi2024",
  "passworditalia", "ciaociaociao", "ciao12345678", "ciaobella123", "ciaobella1234",
  "amoremio1234", "amoreamore12", "juventus1234", "juventus1897", "forzajuve123",
  "forzainter12", "forzamilan12", "forzanapoli1", "forzaroma123", "napoli123456",
  "milano123456", "roma12345678", "italia123456", "italia2006!!", "passwordnuova",
  "nuovapassword", "lamiapassword", "passwordsicura", "cambiami1234", "benvenuto123",
  "benvenuto1234", "qwertyqwerty", "asdasdasdasd", "zxcvbnm12345", "1234567890qw",
  "1234567890ab", "summer2024!!", "estate2024!!", "inverno20242", "primavera2024",
]);
