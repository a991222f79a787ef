// Everyday user texts in every language the attack generators write in (and Greek, which the fold
// transliterates like Russian): small talk, cooking, travel, homework, coding, shopping, health,
// writing help, jokes, definitions. Plain requests that say nothing about prompts, rules or
// instructions. Without them, the only benign rows of eight of those languages were look-alikes
// (augment-benign.mjs) against hundreds of templated attacks each, and the model learnt the
// language as a sign of an attack: everyday French, Russian or Hindi questions were flagged.
// Phrase lists written for this generator (no translation model, no evaluation set read);
// composed from parts so that no fixed sentence is learnt. Documented in README.md beside this file.

import { MORE_EVERYDAY_BANK } from './languages-without-phrases.mjs';

/**
 * Per language: `note` (a statement of fact, as documents hold: notices, reviews, recipe steps;
 * only the eight languages of the documents need it), `open` (a greeting or nothing), `ctx` (a sentence of context), `ask` (everyday
 * requests and questions), `more` (a short follow-up), `bye` (thanks or nothing), `stop` (what
 * joins sentences). Every list is plain speech, the way people write to a chat assistant.
 */
export const EVERYDAY_BANK = {
  de: {
    note: ['Das Museum ist montags geschlossen.', 'Lieferung kam nach drei Tagen, gut verpackt.', 'Den Teig eine Stunde ruhen lassen.', 'Das Treffen ist auf Donnerstag, 14 Uhr, verschoben.', 'Der Zug fährt von Gleis 4 ab.', 'Sehr freundliches Personal, ruhiges Zimmer.', 'Die Heizung im zweiten Stock ist repariert.', 'Im Sommer ist der Park bis 22 Uhr geöffnet.'],
    open: ['Hallo!', 'Hi,', 'Guten Morgen.', 'Kurze Frage:', '', ''],
    ctx: ['Ich koche heute Abend für sechs Leute.', 'Wir fahren im Mai für eine Woche nach Wien.', 'Mein Sohn ist in der siebten Klasse.', 'Ich lerne gerade Python.', 'Meine Oma hat nächste Woche Geburtstag.', 'Ich habe seit gestern Halsschmerzen.'],
    ask: ['Was kann ich mit Kartoffeln, Lauch und Speck kochen?', 'Wie lange muss ein Ei kochen, damit es weich bleibt?', 'Welche Sehenswürdigkeiten lohnen sich in Wien an zwei Tagen?', 'Kannst du mir die Photosynthese einfach erklären?', 'Wie rechne ich den Flächeninhalt eines Kreises aus?', 'Wie sortiere ich eine Liste in Python nach dem zweiten Element?', 'Welcher Staubsauger ist für eine kleine Wohnung gut?', 'Was hilft gegen Halsschmerzen außer Tee?', 'Kannst du meinen Text etwas freundlicher formulieren?', 'Erzähl mir einen Witz über Katzen.', 'Was bedeutet das Wort „Fernweh“?', 'Schreib mir ein kurzes Gedicht zum Geburtstag meiner Oma.', 'Wie viele Kalorien hat eine Banane?', 'Was ist der Unterschied zwischen Wetter und Klima?'],
    more: ['Am besten ohne Backofen.', 'Bitte in einfachen Worten.', 'Nicht zu teuer, bitte.', 'Gern mit Beispiel.'],
    bye: ['Danke!', 'Vielen Dank im Voraus.', 'Danke dir.', '', ''],
  },
  fr: {
    note: ['Le musée est fermé le lundi.', 'Livraison en trois jours, emballage soigné.', 'Laisser reposer la pâte une heure.', 'La réunion est reportée à jeudi 14 h.', 'Le train part de la voie 4.', 'Personnel très aimable, chambre calme.', 'Le chauffage du deuxième étage est réparé.', 'En été, le parc ferme à 22 h.'],
    open: ['Bonjour,', 'Salut !', 'Bonsoir.', 'Petite question :', '', ''],
    ctx: ['Je reçois des amis samedi soir.', 'On part en Bretagne la semaine prochaine.', 'Ma fille est en CM2.', "J'apprends le JavaScript depuis un mois.", "C'est l'anniversaire de mon père dimanche.", 'Je dors mal depuis quelques jours.'],
    ask: ['Quelle recette simple avec des courgettes et du chèvre ?', 'Combien de temps faut-il cuire des pâtes fraîches ?', 'Que visiter à Lyon en un week-end ?', 'Tu peux m’expliquer la différence entre un virus et une bactérie ?', 'Comment on calcule un pourcentage de réduction ?', 'Comment inverser une chaîne de caractères en JavaScript ?', 'Quel vélo acheter pour aller au travail en ville ?', 'Que faire contre le mal de dos quand on travaille assis ?', 'Peux-tu corriger les fautes de cette lettre de motivation ?', 'Raconte-moi une blague sur les chats.', 'Que veut dire le mot « flâner » ?', 'Écris un petit poème pour l’anniversaire de mon père.', 'Quelle est la capitale du Canada ?', 'Pourquoi le ciel est-il bleu ?'],
    more: ['Sans four si possible.', 'Avec des mots simples, stp.', 'Pas trop cher.', 'Avec un exemple.'],
    bye: ['Merci !', "Merci d'avance.", 'Merci beaucoup.', '', ''],
  },
  es: {
    note: ['El museo cierra los lunes.', 'El pedido llegó en tres días, bien embalado.', 'Dejar reposar la masa una hora.', 'La reunión se pasa al jueves a las 14:00.', 'El tren sale del andén 4.', 'Personal muy amable, habitación tranquila.', 'Ya está arreglada la calefacción del segundo piso.', 'En verano el parque cierra a las 22:00.'],
    open: ['Hola,', '¡Buenas!', 'Buenos días.', 'Una pregunta:', '', ''],
    ctx: ['Tengo invitados a cenar el sábado.', 'Nos vamos a Sevilla en abril.', 'Mi hijo está en cuarto de primaria.', 'Estoy aprendiendo a programar en Java.', 'Es el cumpleaños de mi hermana el viernes.', 'Llevo dos días con dolor de cabeza.'],
    ask: ['¿Qué puedo cocinar con arroz, pollo y pimientos?', '¿Cuánto tiempo hay que hervir los huevos para que queden duros?', '¿Qué ver en Sevilla en dos días?', '¿Me explicas cómo funcionan las mareas?', '¿Cómo se resuelve una ecuación de segundo grado?', '¿Cómo leo un archivo de texto línea por línea en Java?', '¿Qué móvil me recomiendas por menos de 300 euros?', '¿Es normal tener dolor de cabeza después de correr?', '¿Puedes revisar la ortografía de este correo?', 'Cuéntame un chiste de médicos.', '¿Qué significa la palabra «sobremesa»?', 'Escribe una felicitación corta para mi hermana.', '¿Cuántos habitantes tiene México?', '¿Por qué las hojas cambian de color en otoño?'],
    more: ['Algo rápido, por favor.', 'Explícalo fácil.', 'Que no sea muy caro.', 'Con un ejemplo, si puedes.'],
    bye: ['¡Gracias!', 'Muchas gracias.', 'Gracias de antemano.', '', ''],
  },
  pt: {
    note: ['O museu fecha às segundas-feiras.', 'A encomenda chegou em três dias, bem embalada.', 'Deixar a massa descansar por uma hora.', 'A reunião passou para quinta às 14h.', 'O trem sai da plataforma 4.', 'Equipe muito simpática, quarto silencioso.', 'O aquecimento do segundo andar foi consertado.', 'No verão o parque fecha às 22h.'],
    open: ['Olá,', 'Oi!', 'Bom dia.', 'Uma dúvida:', '', ''],
    ctx: ['Vou receber a família no domingo.', 'Vamos viajar para o Porto em julho.', 'Minha filha está no sexto ano.', 'Estou começando a aprender SQL.', 'É aniversário da minha mãe amanhã.', 'Estou com tosse há uma semana.'],
    ask: ['O que posso fazer para o almoço com feijão e linguiça?', 'Quanto tempo leva para assar um frango inteiro?', 'O que visitar no Porto em três dias?', 'Pode me explicar o que é a inflação?', 'Como se calcula a média de cinco notas?', 'Como faço um SELECT que conta as linhas por cidade?', 'Qual fone de ouvido sem fio vale a pena comprar?', 'Chá de gengibre ajuda mesmo contra tosse?', 'Pode melhorar a redação deste parágrafo?', 'Me conta uma piada de futebol.', 'O que significa a palavra "saudade"?', 'Escreve uma mensagem carinhosa para o aniversário da minha mãe.', 'Qual é o maior rio do Brasil?', 'Por que o mar é salgado?'],
    more: ['Algo simples, por favor.', 'Explica de um jeito fácil.', 'Sem gastar muito.', 'Com um exemplo.'],
    bye: ['Obrigado!', 'Valeu!', 'Muito obrigada.', '', ''],
  },
  it: {
    note: ['Il museo è chiuso il lunedì.', 'Consegna in tre giorni, imballaggio curato.', "Lasciar riposare l'impasto per un'ora.", 'La riunione è spostata a giovedì alle 14.', 'Il treno parte dal binario 4.', 'Personale gentilissimo, camera silenziosa.', 'Il riscaldamento al secondo piano è stato riparato.', "D'estate il parco chiude alle 22."],
    open: ['Ciao,', 'Buongiorno.', 'Salve!', 'Una domanda:', '', ''],
    ctx: ['Stasera ho ospiti a cena.', 'Andiamo a Napoli a giugno.', 'Mio figlio fa la terza media.', 'Sto imparando a usare Excel.', 'Domenica è il compleanno di mia nonna.', 'Ho un po’ di febbre da ieri.'],
    ask: ['Cosa posso cucinare con melanzane e pomodori?', 'Quanto deve cuocere il risotto ai funghi?', 'Cosa vedere a Napoli in un giorno?', 'Mi spieghi come funziona un vulcano?', 'Come si calcola l’area di un triangolo?', 'Come sommo una colonna in Excel solo se il valore è positivo?', 'Che scarpe da corsa mi consigli per iniziare?', 'Cosa posso prendere per abbassare la febbre?', 'Puoi correggere questa email al mio capo?', 'Raccontami una barzelletta sui cani.', 'Cosa vuol dire la parola "sprezzatura"?', 'Scrivi un biglietto di auguri per mia nonna.', 'Qual è il lago più grande d’Italia?', 'Perché la luna cambia forma?'],
    more: ['Qualcosa di veloce.', 'Spiegamelo in modo semplice.', 'Non troppo costoso.', 'Con un esempio, grazie.'],
    bye: ['Grazie!', 'Grazie mille.', 'Grazie in anticipo.', '', ''],
  },
  ru: {
    note: ['Музей закрыт по понедельникам.', 'Доставка заняла три дня, упаковано хорошо.', 'Тесто оставить на час.', 'Встреча перенесена на четверг, 14:00.', 'Поезд отправляется с четвёртого пути.', 'Очень вежливый персонал, тихий номер.', 'Отопление на втором этаже починили.', 'Летом парк открыт до 22:00.'],
    open: ['Привет!', 'Здравствуйте.', 'Добрый вечер.', 'Вопрос:', '', ''],
    ctx: ['У меня в субботу гости.', 'Мы едем в Казань на выходные.', 'Дочка учится в пятом классе.', 'Я начинаю изучать C#.', 'У мамы скоро юбилей.', 'У меня второй день насморк.'],
    ask: ['Что приготовить из курицы и гречки?', 'Сколько варить свёклу для винегрета?', 'Что посмотреть в Казани за два дня?', 'Объясни простыми словами, что такое гравитация.', 'Как найти периметр прямоугольника?', 'Как в C# перевести строку в число?', 'Какой чайник лучше купить, стеклянный или металлический?', 'Чем быстро вылечить насморк?', 'Помоги красиво написать поздравление маме.', 'Расскажи анекдот про программистов.', 'Что значит слово «авось»?', 'Напиши короткое стихотворение про осень.', 'Какая самая длинная река в Европе?', 'Почему зимой холодно?'],
    more: ['Желательно быстро.', 'Объясни попроще.', 'Не очень дорого.', 'С примером, пожалуйста.'],
    bye: ['Спасибо!', 'Заранее спасибо.', 'Спасибо большое.', '', ''],
  },
  zh: {
    note: ['博物馆周一闭馆。', '三天就到货了，包装很好。', '面团要醒一个小时。', '会议改到周四下午两点。', '火车从4号站台出发。', '服务员很热情，房间很安静。', '二楼的暖气已经修好了。', '夏天公园开到晚上十点。'],
    open: ['你好，', '您好！', '请问，', '', ''],
    ctx: ['我周末要请朋友吃饭。', '我们下个月去成都旅游。', '我女儿上初二。', '我刚开始学Python。', '明天是我爸爸的生日。', '我这几天睡不好。'],
    ask: ['西红柿炒鸡蛋怎么做才好吃？', '米饭煮多久比较合适？', '成都有哪些必去的地方？', '能简单解释一下什么是光合作用吗？', '怎么计算圆的面积？', 'Python里怎么把两个列表合并？', '三千元左右的笔记本电脑推荐哪款？', '失眠的时候有什么好办法？', '帮我润色一下这段自我介绍。', '讲个关于猫的笑话吧。', '“画蛇添足”是什么意思？', '写一首祝爸爸生日快乐的小诗。', '世界上最高的山是哪座？', '为什么天空是蓝色的？'],
    more: ['简单一点就行。', '请用通俗的话说。', '别太贵。', '最好举个例子。'],
    bye: ['谢谢！', '多谢。', '麻烦你了。', '', ''],
  },
  ja: {
    note: ['博物館は月曜日が休館です。', '三日で届きました。梱包も丁寧でした。', '生地を一時間寝かせます。', '会議は木曜日の14時に変更になりました。', '電車は4番線から発車します。', 'スタッフがとても親切で、部屋も静かでした。', '二階の暖房は修理済みです。', '夏の間、公園は夜10時まで開いています。'],
    open: ['こんにちは。', 'すみません、', '質問です。', '', ''],
    ctx: ['週末に友達が遊びに来ます。', '来月、北海道に旅行します。', '娘は中学一年生です。', 'JavaScriptを勉強中です。', '母の誕生日が近いです。', '最近よく眠れません。'],
    ask: ['鶏肉と玉ねぎで簡単に作れる料理はありますか？', 'ゆで卵は何分ゆでればいいですか？', '札幌で行くべき場所を教えてください。', '地震が起きる仕組みを簡単に説明してください。', '三角形の面積の求め方を教えて。', 'JavaScriptで配列を並べ替える方法は？', '一人暮らしにおすすめの冷蔵庫はどれですか？', '寝つきを良くするコツはありますか？', 'このメールをもっと丁寧な文にしてください。', '猫についての面白い話をして。', '「木漏れ日」とはどういう意味ですか？', '母の誕生日に短い手紙を書いてください。', '日本で一番長い川は何ですか？', 'なぜ海は青く見えるのですか？'],
    more: ['簡単な方法がいいです。', 'わかりやすくお願いします。', 'あまり高くないもので。', '例もつけてください。'],
    bye: ['ありがとうございます。', 'よろしくお願いします。', '助かります！', '', ''],
  },
  el: {
    open: ['Γεια σου!', 'Καλημέρα.', 'Μια ερώτηση:', '', ''],
    ctx: ['Έχω καλεσμένους το Σάββατο.', 'Πάμε στη Θεσσαλονίκη τον Ιούνιο.', 'Ο γιος μου πάει στην πέμπτη δημοτικού.', 'Μαθαίνω Python.', 'Η μητέρα μου έχει γενέθλια την Κυριακή.', 'Έχω πονόλαιμο από χθες.'],
    ask: ['Τι μπορώ να μαγειρέψω με κολοκυθάκια και φέτα;', 'Πόση ώρα βράζουν οι φακές;', 'Τι να δω στη Θεσσαλονίκη σε δύο μέρες;', 'Μπορείς να μου εξηγήσεις απλά τι είναι η βαρύτητα;', 'Πώς βρίσκω το εμβαδόν ενός τριγώνου;', 'Πώς διαβάζω ένα αρχείο CSV στην Python;', 'Ποιο κινητό αξίζει μέχρι 300 ευρώ;', 'Τι βοηθάει στον πονόλαιμο;', 'Μπορείς να διορθώσεις τα λάθη σε αυτό το email;', 'Πες μου ένα αστείο για γάτες.', 'Τι σημαίνει η λέξη «φιλότιμο»;', 'Γράψε μια σύντομη ευχή για τα γενέθλια της μητέρας μου.', 'Ποιο είναι το ψηλότερο βουνό της Ελλάδας;', 'Γιατί η θάλασσα είναι αλμυρή;'],
    more: ['Κάτι γρήγορο.', 'Εξήγησέ το απλά.', 'Όχι πολύ ακριβό.', 'Με ένα παράδειγμα.'],
    bye: ['Ευχαριστώ!', 'Ευχαριστώ πολύ.', '', ''],
  },
  pl: {
    open: ['Cześć,', 'Dzień dobry.', 'Mam pytanie:', '', ''],
    ctx: ['W sobotę mam gości.', 'Jedziemy do Krakowa na weekend.', 'Mój syn chodzi do szóstej klasy.', 'Uczę się JavaScriptu.', 'Moja babcia ma urodziny w niedzielę.', 'Od wczoraj boli mnie gardło.'],
    ask: ['Co mogę ugotować z ziemniaków i kapusty?', 'Jak długo gotować jajka na twardo?', 'Co zobaczyć w Krakowie w dwa dni?', 'Możesz mi wytłumaczyć, skąd się bierze tęcza?', 'Jak obliczyć pole trójkąta?', 'Jak w JavaScripcie usunąć duplikaty z tablicy?', 'Jaki rower miejski polecasz?', 'Co pomaga na ból gardła?', 'Popraw błędy w tym mailu do szefa.', 'Opowiedz kawał o informatykach.', 'Co znaczy słowo "kombinować"?', 'Napisz krótkie życzenia urodzinowe dla babci.'],
    more: ['Coś szybkiego.', 'Wyjaśnij prosto.', 'Niezbyt drogie.'],
    bye: ['Dzięki!', 'Dziękuję bardzo.', '', ''],
  },
  tr: {
    open: ['Merhaba,', 'Selam!', 'Bir sorum var:', '', ''],
    ctx: ['Cumartesi misafirim var.', 'Haziranda İzmir’e gidiyoruz.', 'Kızım beşinci sınıfta.', 'Python öğreniyorum.', 'Annemin doğum günü yaklaşıyor.', 'Dünden beri boğazım ağrıyor.'],
    ask: ['Patlıcan ve kıymayla ne yemek yapabilirim?', 'Makarna kaç dakika haşlanmalı?', 'İzmir’de iki günde nereleri gezebilirim?', 'Gökkuşağı nasıl oluşur, basitçe anlatır mısın?', 'Bir dairenin alanı nasıl hesaplanır?', 'Python’da bir listeyi nasıl ters çeviririm?', 'Hangi kahve makinesini önerirsin?', 'Boğaz ağrısına ne iyi gelir?', 'Bu e-postadaki yazım hatalarını düzeltir misin?', 'Bana kedilerle ilgili bir fıkra anlat.', '"Gurbet" kelimesi ne demek?', 'Annem için kısa bir doğum günü mesajı yaz.'],
    more: ['Hızlı bir şey olsun.', 'Basitçe anlat.', 'Çok pahalı olmasın.'],
    bye: ['Teşekkürler!', 'Çok sağ ol.', '', ''],
  },
  nl: {
    open: ['Hoi,', 'Goedemorgen.', 'Even een vraag:', '', ''],
    ctx: ['Ik krijg zaterdag bezoek.', 'We gaan in mei naar Gent.', 'Mijn dochter zit in groep zeven.', 'Ik ben Python aan het leren.', 'Mijn vader is zondag jarig.', 'Ik slaap slecht de laatste tijd.'],
    ask: ['Wat kan ik koken met bloemkool en kaas?', 'Hoe lang moet een zacht eitje koken?', 'Wat moet ik zien in Gent?', 'Kun je uitleggen hoe een regenboog ontstaat?', 'Hoe bereken ik de oppervlakte van een cirkel?', 'Hoe tel ik in Python hoe vaak een woord voorkomt?', 'Welke fiets is goed voor woon-werkverkeer?', 'Wat helpt tegen slecht slapen?', 'Kun je deze sollicitatiebrief nalezen?', 'Vertel eens een mop over fietsers.', 'Wat betekent het woord "gezellig"?', 'Schrijf een kort gedichtje voor de verjaardag van mijn vader.'],
    more: ['Iets snels graag.', 'Leg het simpel uit.', 'Niet te duur.'],
    bye: ['Dank je!', 'Bedankt.', '', ''],
  },
  id: {
    open: ['Halo,', 'Selamat pagi.', 'Mau tanya:', '', ''],
    ctx: ['Sabtu ini ada tamu di rumah.', 'Kami mau liburan ke Yogyakarta bulan depan.', 'Anak saya kelas lima SD.', 'Saya sedang belajar Python.', 'Ibu saya ulang tahun minggu depan.', 'Sudah dua hari saya batuk.'],
    ask: ['Masak apa yang enak dari tahu dan tempe?', 'Berapa lama merebus telur setengah matang?', 'Tempat wisata apa saja di Yogyakarta?', 'Bisa jelaskan kenapa terjadi gerhana bulan?', 'Bagaimana cara menghitung luas lingkaran?', 'Bagaimana cara membaca file CSV dengan Python?', 'HP apa yang bagus di bawah tiga juta?', 'Obat alami untuk batuk apa ya?', 'Tolong rapikan kalimat di email ini.', 'Ceritakan lelucon tentang kucing.', 'Apa arti kata "gotong royong"?', 'Buatkan ucapan ulang tahun singkat untuk ibu saya.'],
    more: ['Yang gampang saja.', 'Jelaskan dengan sederhana.', 'Yang tidak terlalu mahal.'],
    bye: ['Terima kasih!', 'Makasih ya.', '', ''],
  },
  vi: {
    open: ['Chào bạn,', 'Xin chào.', 'Cho mình hỏi:', '', ''],
    ctx: ['Cuối tuần nhà mình có khách.', 'Tháng sau mình đi Đà Nẵng.', 'Con mình học lớp bốn.', 'Mình đang học lập trình Python.', 'Sắp đến sinh nhật mẹ mình.', 'Mấy hôm nay mình bị ho.'],
    ask: ['Nấu canh chua cá thế nào cho ngon?', 'Luộc trứng bao nhiêu phút thì vừa?', 'Đi Đà Nẵng ba ngày nên chơi ở đâu?', 'Giải thích giúp mình vì sao có mưa?', 'Tính diện tích hình chữ nhật thế nào?', 'Trong Python làm sao đảo ngược một danh sách?', 'Nên mua nồi cơm điện loại nào?', 'Bị ho thì nên uống gì?', 'Sửa lỗi chính tả trong đoạn văn này giúp mình.', 'Kể một câu chuyện cười về con mèo đi.', 'Từ "duyên" nghĩa là gì?', 'Viết lời chúc sinh nhật ngắn cho mẹ mình.'],
    more: ['Càng đơn giản càng tốt.', 'Giải thích dễ hiểu nhé.', 'Giá vừa phải thôi.'],
    bye: ['Cảm ơn bạn!', 'Cảm ơn nhiều.', '', ''],
  },
  ko: {
    open: ['안녕하세요.', '질문이 있어요.', '', ''],
    ctx: ['주말에 친구들이 놀러 와요.', '다음 달에 부산에 가요.', '아들이 초등학교 5학년이에요.', '파이썬을 배우고 있어요.', '엄마 생신이 다음 주예요.', '요즘 잠을 잘 못 자요.'],
    ask: ['감자랑 양파로 만들 수 있는 요리 알려 주세요.', '라면은 몇 분 끓여야 맛있어요?', '부산에서 꼭 가 볼 곳이 어디예요?', '무지개가 생기는 이유를 쉽게 설명해 주세요.', '원의 넓이는 어떻게 구해요?', '파이썬에서 리스트를 정렬하는 방법은?', '자취용 전자레인지 추천해 주세요.', '잠이 안 올 때 어떻게 하면 좋아요?', '이 이메일을 좀 더 공손하게 고쳐 주세요.', '고양이에 관한 재미있는 이야기 해 줘.', '"정"이라는 말은 무슨 뜻이에요?', '엄마 생신 축하 문자를 짧게 써 주세요.'],
    more: ['간단한 걸로요.', '쉽게 설명해 주세요.', '너무 비싸지 않은 걸로요.'],
    bye: ['감사합니다!', '고마워요.', '', ''],
  },
  ar: {
    open: ['مرحباً،', 'صباح الخير.', 'عندي سؤال:', '', ''],
    ctx: ['عندي ضيوف يوم السبت.', 'سنسافر إلى عمّان الشهر القادم.', 'ابني في الصف الخامس.', 'أتعلم البرمجة بلغة بايثون.', 'عيد ميلاد أمي الأسبوع القادم.', 'عندي صداع منذ أمس.'],
    ask: ['ماذا أطبخ بالأرز والدجاج؟', 'كم دقيقة أسلق البيض؟', 'ما الأماكن التي تستحق الزيارة في عمّان؟', 'اشرح لي ببساطة لماذا يحدث المطر.', 'كيف أحسب مساحة المثلث؟', 'كيف أرتب قائمة في بايثون؟', 'ما أفضل هاتف بسعر معقول؟', 'ما الذي يخفف الصداع بسرعة؟', 'صحح الأخطاء في هذه الرسالة من فضلك.', 'احكِ لي نكتة عن القطط.', 'ما معنى كلمة "تراث"؟', 'اكتب تهنئة قصيرة بعيد ميلاد أمي.'],
    more: ['شيء سريع من فضلك.', 'بكلمات بسيطة.', 'ليس غالياً جداً.'],
    bye: ['شكراً!', 'شكراً جزيلاً.', '', ''],
  },
  hi: {
    open: ['नमस्ते,', 'हाय!', 'एक सवाल है:', '', ''],
    ctx: ['शनिवार को घर पर मेहमान आ रहे हैं।', 'हम अगले महीने जयपुर घूमने जा रहे हैं।', 'मेरी बेटी छठी कक्षा में है।', 'मैं पायथन सीख रहा हूँ।', 'अगले हफ़्ते मेरी माँ का जन्मदिन है।', 'मुझे दो दिन से खाँसी है।'],
    ask: ['आलू और मटर से क्या बना सकते हैं?', 'चावल कितनी देर पकाने चाहिए?', 'जयपुर में दो दिन में क्या-क्या देखें?', 'बारिश कैसे होती है, आसान भाषा में समझाइए।', 'त्रिभुज का क्षेत्रफल कैसे निकालते हैं?', 'पायथन में किसी सूची को उल्टा कैसे करें?', 'बजट में कौन सा फ़ोन अच्छा रहेगा?', 'खाँसी के लिए कोई घरेलू नुस्खा बताइए।', 'इस चिट्ठी की गलतियाँ ठीक कर दीजिए।', 'बिल्ली पर कोई मज़ेदार चुटकुला सुनाओ।', '"जुगाड़" शब्द का मतलब क्या है?', 'माँ के जन्मदिन के लिए एक छोटा संदेश लिखिए।'],
    more: ['कुछ जल्दी बनने वाला।', 'आसान शब्दों में।', 'ज़्यादा महँगा नहीं।'],
    bye: ['धन्यवाद!', 'शुक्रिया।', '', ''],
  },
  sv: {
    open: ['Hej!', 'God morgon.', 'En fråga:', '', ''],
    ctx: ['Vi får gäster på lördag.', 'Vi ska till Göteborg i juli.', 'Min son går i fyran.', 'Jag håller på att lära mig Python.', 'Min mamma fyller år på söndag.', 'Jag har varit förkyld i några dagar.'],
    ask: ['Vad kan jag laga med lax och potatis?', 'Hur länge ska man koka ägg för att de ska bli hårda?', 'Vad ska man se i Göteborg?', 'Kan du förklara hur åska uppstår?', 'Hur räknar man ut omkretsen på en cirkel?', 'Hur läser jag en fil rad för rad i Python?', 'Vilken dammsugare är bäst för en liten lägenhet?', 'Vad hjälper mot förkylning?', 'Kan du rätta stavfelen i det här mejlet?', 'Berätta ett skämt om katter.', 'Vad betyder ordet "lagom"?', 'Skriv en kort födelsedagshälsning till min mamma.'],
    more: ['Något snabbt.', 'Förklara enkelt.', 'Inte för dyrt.'],
    bye: ['Tack!', 'Tack så mycket.', '', ''],
  },
  cs: {
    open: ['Ahoj,', 'Dobrý den.', 'Mám dotaz:', '', ''],
    ctx: ['V sobotu k nám přijdou hosté.', 'Jedeme na víkend do Brna.', 'Dcera chodí do páté třídy.', 'Učím se Python.', 'Babička má v neděli narozeniny.', 'Od včerejška mě bolí v krku.'],
    ask: ['Co můžu uvařit z brambor a zelí?', 'Jak dlouho vařit vajíčka natvrdo?', 'Co vidět v Brně za jeden den?', 'Můžeš mi vysvětlit, jak vzniká duha?', 'Jak se počítá obsah trojúhelníku?', 'Jak v Pythonu seřadit seznam podle délky?', 'Jaké kolo doporučuješ do města?', 'Co pomáhá na bolest v krku?', 'Oprav prosím chyby v tomhle e-mailu.', 'Řekni mi vtip o kočkách.', 'Co znamená slovo "pohoda"?', 'Napiš krátké přání k narozeninám pro babičku.'],
    more: ['Něco rychlého.', 'Vysvětli to jednoduše.', 'Ne moc drahé.'],
    bye: ['Díky!', 'Děkuji moc.', '', ''],
  },
};

/**
 * How many shares of the user rows each language gets, in proportion to the attacks written in
 * it: the eight languages of augment-attacks.mjs besides English have about 320 attack rows each
 * in a bag (templates, their obfuscations, task switches), the ten of augment-languages.mjs and
 * Greek 80 (with 40 benign rows of their own, half of them everyday requests). Greek had no attack
 * until the sixth round of issue 18, and its everyday rows alone taught the model that Greek is benign.
 */
const SHARES = { de: 6, fr: 6, es: 6, pt: 6, it: 6, ru: 6, zh: 6, ja: 6, el: 1, pl: 1, tr: 1, nl: 1, id: 1, vi: 1, ko: 1, ar: 1, hi: 1, sv: 1, cs: 1 };
/** The languages in the order user rows are drawn: each repeated by its share. */
export const EVERYDAY_LANGS = Object.entries(SHARES).flatMap(([lang, n]) => Array(n).fill(lang));
/**
 * The languages of the everyday documents: those whose attacks augment-documents.mjs plants into
 * documents (about 110 a bag each) with hardly a clean document of the language beside them. The
 * ten of augment-languages.mjs have as many clean documents as planted ones already.
 */
export const EVERYDAY_DOC_LANGS = ['de', 'fr', 'es', 'pt', 'it', 'ru', 'zh', 'ja'];

const NO_SPACE = new Set(['zh', 'ja']);
const EVERYDAY_BANKS = { ...EVERYDAY_BANK, ...MORE_EVERYDAY_BANK };

/** An everyday user text in `lang`: a greeting, context, one or two requests, a follow-up, thanks (each but a request optional). */
export function everydayText(rng, lang) {
  const b = EVERYDAY_BANKS[lang];
  const parts = [rng.pick(b.open)];
  if (rng.chance(0.35)) parts.push(rng.pick(b.ctx));
  parts.push(rng.pick(b.ask));
  if (rng.chance(0.15)) parts.push(rng.pick(b.ask));
  else if (rng.chance(0.2)) parts.push(rng.pick(b.more));
  parts.push(rng.pick(b.bye));
  const sep = NO_SPACE.has(lang) ? '' : rng.chance(0.15) ? '\n' : ' ';
  let text = parts.filter(Boolean).join(sep);
  // People type to a chat in a hurry: now and then all in lower case, without the final stop.
  if (rng.chance(0.15)) text = text.toLowerCase().replace(/[.!。।]$/, '');
  return text;
}

/**
 * An everyday line of a document in `lang`: a statement of fact or of one's plans, never a
 * request. A request found in data ("write a poem about the sea", "what is the capital of ...")
 * is what augment-documents.mjs plants as an off-task order, so in documents it stays an attack.
 */
export function everydayNote(rng, lang) {
  const b = EVERYDAY_BANKS[lang];
  return rng.chance(0.7) ? rng.pick(b.note) : rng.pick(b.ctx);
}

/** A few everyday lines in `lang`, one a line (a notice board, reviews, a diary), for the document channel. */
export function everydayLines(rng, lang, n = 2 + rng.int(3)) {
  return Array.from({ length: n }, () => everydayNote(rng, lang)).join('\n');
}
