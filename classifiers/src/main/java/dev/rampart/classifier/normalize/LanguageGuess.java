package dev.rampart.classifier.normalize;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic, dependency-free guess of whether a text is English: enough to tell a policy that a text is in a
 * language Rampart's English-trained model cannot judge, and to tell which re-reading of scrambled text
 * ({@link TextViews}: ROT13, reversed, leetspeak) reads as English.
 *
 * <p>Two signals, both linear in the text length: the <b>script</b> of its letters (mostly non-Latin letters —
 * Arabic, Cyrillic, Devanagari, Han… — is non-English at once) and <b>function words</b>: the share of its words that
 * are frequent English words, against the words only French, German, Spanish, Italian, Portuguese, Dutch, Polish,
 * Swedish, Turkish, romanised Hindi or Indonesian use (words they share with English are left out of their lists). A Latin text is
 * non-English when another language's function words outnumber the English ones (or tie with them in a text with
 * accented letters), or when it has no English function word but many accented letters. A text too short to tell (under three letters) counts as English,
 * so the check does not fire on a greeting, a number or a code identifier.
 */
public final class LanguageGuess {
    /** Words of fewer letters than this are ignored: English has too few of them to count. */
    private static final int MIN_LETTERS = 3;

    private static final Set<String> ENGLISH = words("""
            the of and to a in is it you that he was for on are with as i his they be at one have this from or had by
            not word but what some we can out other were all there when up use your how said an each she which do their
            time if will way about many then them write would like so these her long make thing see him two has look
            more day could go come did number sound no most people my over know water than call first who may down side
            been now find any new work part take get place made live where after back little only round man year came
            show every good me give our under name very through just form sentence great think say help low line differ
            turn cause much mean before move right boy old too same tell does set three want air well also play small end
            put home read hand port large spell add even land here must big high such follow act why ask men change went
            light kind off need house picture try us again animal point mother world near build self earth father head
            stand own page should country found answer school grow study still learn plant cover food sun four between
            state keep eye never last let thought city tree cross farm hard start might story saw far sea draw left late
            run don't while press close night real life few north open seem together next white children begin got walk
            example ease paper group always music those both mark often letter until mile river car feet care second book
            carry took science eat room friend began idea fish mountain stop once base hear horse cut sure watch color
            face wood main enough plain girl usual young ready above ever red list though feel talk bird soon body dog
            family direct pose leave song measure door product black short numeral class wind question happen complete
            ship area half rock order fire south problem piece told knew pass since top whole king space heard best hour
            better true during hundred five remember step early hold west ground interest reach fast verb sing listen six
            table travel less morning ten simple several vowel toward war lay against pattern slow center love person
            money serve appear road map rain rule govern pull cold notice voice unit power town fine certain fly fall lead
            cry dark machine note wait plan figure star box noun field rest correct able pound done beauty drive stood
            contain front teach week final gave green oh quick develop ocean warm free minute strong special mind behind
            clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide surface
            deep moon island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand
            ago ran check game shape equate hot miss brought heat snow tire bring yes distant fill east paint language
            among instructions previous ignore reveal prompt please tell explain write how what why can could would
            should i'm it's isn't don't can't won't didn't doesn't i've i'll you're we're they're that's there's
            let's is am are was were been being has have had having does did doing into onto upon about above across
            after against along among around because before behind below beneath beside besides between beyond
            despite down during except inside near off outside over past since through throughout till toward under
            underneath unlike until upon versus via within without yet whose whom whether either neither nor per
            """);

    private static final Map<String, Set<String>> OTHERS = new HashMap<>();
    /** The other languages' names in ascending order: bit {@code i + 1} of a {@link #LEXICON} entry is language i. */
    private static final String[] LANGUAGES;
    /**
     * Every listed word to a bit set of the lists it is on (bit 0: English, bit {@code i + 1}: {@code LANGUAGES[i]}),
     * so each word of a text costs one lookup instead of one per language.
     */
    private static final Map<String, Integer> LEXICON;

    static {
        other("french", """
                le la les un une des du et est sont je tu il elle nous vous ils elles ce cette ces mon ma mes ton ta tes
                son sa ses notre nos votre vos leur leurs que qui quoi dont où au aux avec pour pas ne sur dans par mais
                ou donc car très être avoir fait faire été suis es sommes êtes ont avons avez comme tout tous toutes
                aussi bien sans sous chez entre même alors ici là déteste haine femmes hommes gens doivent devraient
                c'est j'ai qu'il n'est d'un d'une l'on toujours jamais rien personne""");
        other("german", """
                der die das den dem des ein eine einer einem einen und ist sind ich du er sie es wir ihr mein meine
                dein deine sein seine unser euer nicht kein keine mit für auf aus bei nach von zu zum zur über unter
                aber oder wenn weil dass auch noch nur schon sehr wie was wer wo hier dort immer nie alle alles sollte
                sollten müssen muss werden wird wurde habe hast hat haben bin bist seid sich uns euch ihnen diese dieser
                dieses hasse frauen menschen leute""");
        other("spanish", """
                el la los las un una unos unas y es son yo tú él ella nosotros vosotros ellos ellas mi mis tu tus su sus
                nuestro que qué quien quién de del al con por para pero como cuando donde dónde muy más sin sobre entre
                también ser estar soy eres somos está están fue hay todo todos toda todas nada nunca siempre odio
                mujeres hombres gente deberían debería esto esta este estos estas eso esa ese""");
        other("italian", """
                il lo la gli le un una uno e è sono io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua nostro
                che chi di del della dei delle al alla con per ma come quando dove molto più senza sopra tra fra anche
                essere avere sei siamo siete hanno ho hai ha tutto tutti tutte niente mai sempre odio donne uomini
                gente dovrebbero questo questa questi queste quello quella non dei degli ai agli nel nella sul
                persone bisogna vanno devono siano solo ogni qualsiasi tipo""");
        other("portuguese", """
                o os as um uma uns umas e é são eu tu ele ela nós vós eles elas meu minha meus minhas teu tua seu sua
                nosso que quem de do da dos das ao à com por para mas como quando onde muito mais sem sobre entre também
                ser estar sou somos está estão foi há tudo todos toda todas nada nunca sempre odeio mulheres homens
                pessoas deveriam isto isso esta este não você vocês""");
        other("dutch", """
                de het een en is zijn ik jij je hij zij ze wij we jullie mijn jouw zijn haar ons onze hun dat die wat
                wie waar van met voor op aan bij naar uit om maar als dan ook nog niet geen heel meer zonder over tussen
                ben bent hebben heb hebt heeft wordt worden moeten moet zou zouden alle alles niets nooit altijd haat
                vrouwen mannen mensen deze dit""");
        other("polish", """
                i w z na do nie się że jest są ja ty on ona my wy oni one mój moja moje twój twoja jego jej nasz wasz
                ich co kto gdzie jak kiedy ale albo lub czy bardzo więcej bez nad pod przez dla od po przy być mieć jestem
                jesteś jesteśmy było była był wszyscy wszystko nic nigdy zawsze nienawidzę kobiety kobiet mężczyźni
                ludzie ludzi powinni powinny ten ta to te tych tym""");
        other("swedish", """
                och att det som en ett är jag du han hon vi ni de min din sin vår er deras inte med för på av till från
                men eller om när var hur mycket mer utan över under mellan också vara ha har hade skulle alla allt
                ingenting aldrig alltid hatar kvinnor män människor""");
        other("turkish", """
                ve bir bu da de ile için ben sen biz siz onlar benim senin onun bizim değil var yok çok daha gibi ama
                ya ne kim nerede nasıl zaman her hiç şey olarak olan kadar sonra önce nefret kadınlar erkekler insanlar""");
        other("hindi (romanised)", """
                hai hain ke ki ko se mein ye yeh woh wo nahi nahin aur bhi ka hum tum aap mujhe kya sab log hote hota
                hoti karna karte chahiye jaise unko unke inko inke humein sabhi bahut koi kuch kabhi sirf apne apni
                mere meri tera teri uska uski nafrat aurat auratein""");
        other("indonesian", """
                dan yang di ke dari ini itu dengan untuk tidak ada saya aku kamu dia kami kita mereka adalah akan
                sudah belum juga bisa harus dalam pada atau tetapi karena jika sangat lebih semua tidak benci wanita
                perempuan orang""");
        LANGUAGES = OTHERS.keySet().stream().sorted().toArray(String[]::new);
        Map<String, Integer> lexicon = new HashMap<>();
        ENGLISH.forEach(w -> lexicon.merge(w, 1, (a, b) -> a | b));
        for (int i = 0; i < LANGUAGES.length; i++) {
            int bit = 1 << (i + 1);
            OTHERS.get(LANGUAGES[i]).forEach(w -> lexicon.merge(w, bit, (a, b) -> a | b));
        }
        LEXICON = Map.copyOf(lexicon);
    }

    /** What the check found. */
    public record Result(boolean nonEnglish, String language, double englishShare) {
    }

    private LanguageGuess() {
    }

    private static Set<String> words(String list) {
        Set<String> out = new HashSet<>();
        for (String w : list.trim().split("\\s+")) {
            out.add(w.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    private static void other(String language, String list) {
        Set<String> own = new HashSet<>(words(list));
        own.removeAll(ENGLISH);
        own.removeIf(w -> w.length() < 2); // single letters are variable names, initials and hex digits as often
        OTHERS.put(language, Set.copyOf(own));
    }

    /** The share of the words of {@code text} that are frequent English words (0 when it has no words). */
    public static double englishShare(CharSequence text) {
        int[] counts = new int[2];
        forEachWord(text, w -> {
            counts[0]++;
            Integer lists = LEXICON.get(w);
            if (lists != null && (lists & 1) != 0) {
                counts[1]++;
            }
        });
        return counts[0] == 0 ? 0.0 : counts[1] / (double) counts[0];
    }

    /** Whether {@code text} is, as far as script and function words tell, not English. */
    public static Result check(CharSequence text) {
        Map<Character.UnicodeScript, Integer> scripts = new HashMap<>();
        int letters = 0;
        int latin = 0;
        int accented = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c < 0x80) { // ASCII: a letter only if a-z or A-Z, and then Latin (no script lookup)
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                    letters++;
                    latin++;
                }
                i++;
                continue;
            }
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.LATIN) {
                latin++;
                if (cp >= 0x80) {
                    accented++;
                }
            } else {
                scripts.merge(script, 1, Integer::sum);
            }
        }
        if (letters < MIN_LETTERS) {
            return new Result(false, "english", 0.0);
        }
        if (latin * 2 < letters) {
            Character.UnicodeScript main = scripts.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse(Character.UnicodeScript.UNKNOWN);
            return new Result(true, "script:" + main.name().toLowerCase(Locale.ROOT), 0.0);
        }
        int[] counts = new int[LANGUAGES.length + 2]; // [0] words, [1] English words, [i + 2] LANGUAGES[i]'s words
        forEachWord(text, w -> {
            counts[0]++;
            Integer lists = LEXICON.get(w);
            if (lists != null) {
                for (int bits = lists; bits != 0; bits &= bits - 1) {
                    counts[Integer.numberOfTrailingZeros(bits) + 1]++;
                }
            }
        });
        double share = counts[0] == 0 ? 0.0 : counts[1] / (double) counts[0];
        // the language with the most hits; among equal counts the last name in order (as a max by count, then name)
        String bestLanguage = null;
        int otherHits = 0;
        for (int i = 0; i < LANGUAGES.length; i++) {
            if (counts[i + 2] > 0 && counts[i + 2] >= otherHits) {
                otherHits = counts[i + 2];
                bestLanguage = LANGUAGES[i];
            }
        }
        int englishHits = counts[1];
        boolean nonEnglish = otherHits > englishHits && otherHits >= 1
                || otherHits == englishHits && otherHits >= 1 && accented > 0
                || englishHits == 0 && accented * 20 >= latin && latin >= 2 * MIN_LETTERS;
        String language = !nonEnglish ? "english" : bestLanguage != null ? bestLanguage : "latin:unknown";
        return new Result(nonEnglish, language, share);
    }

    private interface WordSink {
        void accept(String word);
    }

    /** Lower-case words: runs of letters and apostrophes. */
    private static void forEachWord(CharSequence text, WordSink sink) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean asciiLetter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            if (asciiLetter) {
                word.append((char) (c | 0x20)); // lower case
            } else if (c >= 0x80 && Character.isLetter(c) || (c == '\'' || c == '’') && word.length() > 0) {
                word.append(c == '’' ? '\'' : Character.toLowerCase(c));
            } else if (word.length() > 0) {
                sink.accept(word.toString());
                word.setLength(0);
            }
        }
    }
}
