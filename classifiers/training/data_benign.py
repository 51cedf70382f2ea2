"""Benign general prompts: everyday assistant use (label 0), hand-written for Rampart."""

HAND = {}
TEMPLATES = []

HAND[("coding", None)] = """
How do I reverse a linked list in Java?
Write a Python function that checks whether a string is a palindrome.
What's the difference between an interface and an abstract class in Java?
Explain Big O notation with a simple example.
How do I read a CSV file with pandas and skip the first two rows?
Why does my React component re-render twice in development?
Write a SQL query to find the second highest salary in an employees table.
How do I set up a virtual environment in Python?
What does the volatile keyword do in Java?
Can you explain how HashMap works internally?
How do I center a div horizontally and vertically with flexbox?
Convert this for-loop to a list comprehension: for x in nums: if x > 0: out.append(x*2)
What's a good way to structure a Maven multi-module project?
How do I write a unit test with JUnit 5 that expects an exception?
How do I merge two dictionaries in Python 3?
Explain the difference between git merge and git rebase.
How do I undo my last commit but keep the changes?
What are Java records and when should I use them?
Write a regex that matches a UK postcode.
How do I make an HTTP GET request in Go?
What's the difference between let, const and var in JavaScript?
How do I paginate results in a REST API?
Explain dependency injection like I'm new to programming.
Why is my Docker image 2 GB and how do I make it smaller?
How do I use async/await with fetch in JavaScript?
What's the best way to handle null values in Kotlin?
Write a bash script that renames all .jpeg files in a folder to .jpg.
How can I profile a slow Python function?
What is a closure in JavaScript?
How do I connect to PostgreSQL from Spring Boot?
What's the difference between a process and a thread?
How does garbage collection work in the JVM?
Explain what a REST API is to a non-technical manager.
How do I sort a list of objects by two fields in Java?
What are the SOLID principles?
How do I deploy a static website to GitHub Pages?
Write a function in C that counts the vowels in a string.
What is memoization and how do I use it in Python?
Help me write a Dockerfile for a Node.js app.
How do I fix "CORS policy: No 'Access-Control-Allow-Origin' header" in my Express server?
How do I use streams in Java to group items by category?
What's a good naming convention for database tables?
Can you review this function for readability? def f(a,b): return [i for i in a if i in b]
How do I write a GitHub Actions workflow that runs tests on every pull request?
What is the difference between TCP and UDP?
How do I parse JSON in Rust with serde?
Explain what a Kubernetes pod is.
My Python script says ModuleNotFoundError even though I installed the package. Why?
How do I create a simple REST endpoint with FastAPI?
What are Java virtual threads and when do they help?
How can I make my SQL query faster? It joins three big tables.
How do I debounce a search input in React?
Explain the CAP theorem simply.
How do I format a date as YYYY-MM-DD in JavaScript?
"""

HAND[("writing", None)] = """
Can you help me write a toast for my brother's wedding? He loves hiking and bad puns.
Proofread this paragraph for grammar mistakes.
Write a short poem about autumn rain.
Give me five ideas for a children's story about a lonely lighthouse.
Rewrite this sentence to sound more formal: "We can't make it to the meeting, sorry."
Help me write a cover letter for a junior graphic designer role.
What's a good opening line for a short story set in a bakery?
Can you summarise the plot of Pride and Prejudice in three sentences?
Write a haiku about a cat sleeping in the sun.
Suggest a title for my blog post about minimalist living.
How do I make my writing less wordy?
Write a product description for a handmade ceramic mug.
Give me feedback on the structure of this essay introduction.
Write a limerick about a forgetful wizard.
Help me write a thank-you note to my child's teacher.
What's the difference between "affect" and "effect"?
Turn these bullet points into a short paragraph for our newsletter.
Write a bedtime story about a dragon who is afraid of the dark.
Suggest some names for a fantasy kingdom by the sea.
How do I write dialogue that sounds natural?
Write a LinkedIn post announcing that I've started a new job.
Give me a catchy slogan for a community garden.
Can you write a short speech for a retirement party for a colleague of 30 years?
Help me write a condolence message to a coworker who lost her father.
Write a birthday message for my grandmother turning 90.
Make this paragraph more engaging for teenagers.
What are some tips for writing a memoir?
Write a short description of a cosy cabin in the snow for my novel.
What's the correct way to use a semicolon?
Write an Instagram caption for a photo of my homemade pizza.
Help me write the "About us" page for a small family-run bakery.
Write a short motivational message for my running club.
"""

HAND[("travel", None)] = """
What's the best time of year to visit Japan?
Plan a 3-day itinerary for Lisbon on a budget.
What should I pack for a week of hiking in Scotland in May?
Do I need a visa to visit Canada with a UK passport?
What are some family-friendly things to do in Barcelona?
How do I get from Rome airport to the city centre?
Is it better to rent a car or take trains around Switzerland?
What are the must-try foods in Mexico City?
How early should I arrive at the airport for an international flight?
What are some tips for dealing with jet lag?
Recommend a quiet beach town in Portugal.
What's the etiquette for tipping in the US?
How do I get around Tokyo using the metro?
What are good day trips from Edinburgh?
Suggest a two-week route through Vietnam.
What's the weather like in Iceland in October?
Can you recommend some scenic train journeys in Europe?
How do I find cheap flights?
What should I know before visiting Morocco as a solo woman traveller?
Which national parks in the US are best for first-time campers?
What's a good itinerary for a weekend in Amsterdam with kids?
How much cash should I bring to Thailand?
What are some packing tips for a carry-on-only trip?
What's the best way to see the Northern Lights in Norway?
Is travel insurance worth it for a short trip?
How do I say "where is the train station" in Italian?
What are the best neighbourhoods to stay in Paris?
Suggest a road trip route along the California coast.
What's the cheapest way to get from London to Edinburgh?
Are there any local festivals in Spain in August?
"""

HAND[("cooking", None)] = """
What can I make for dinner with chicken, rice and spinach?
How do I make fluffy pancakes from scratch?
What's a good vegetarian lasagne recipe?
How long should I boil an egg for a runny yolk?
Can I substitute butter with oil in banana bread?
How do I make a sourdough starter?
What's the difference between baking soda and baking powder?
Give me a simple weeknight curry recipe.
How do I keep basil fresh longer?
What's a good vegan substitute for eggs in baking?
How do I cook perfect basmati rice?
What are some easy lunchbox ideas for kids?
How do I make a basic tomato sauce?
What herbs go well with roast lamb?
Can you suggest a three-course menu for a dinner party of six?
How do I caramelise onions properly?
How long does cooked rice keep in the fridge?
What's an easy dessert I can make without an oven?
How do I make homemade pizza dough?
What are some high-protein vegetarian breakfasts?
How do I season a cast iron pan?
Give me a recipe for lemon drizzle cake.
What's the best way to reheat leftover pizza?
How do I make cold brew coffee at home?
What's a good marinade for tofu?
How do I make a roux for gravy?
Suggest a meal prep plan for a busy week.
How do I make homemade hummus smooth?
What can I bake with overripe bananas besides banana bread?
How do I make a classic French omelette?
"""

HAND[("science", None)] = """
Why is the sky blue?
How do vaccines train the immune system?
What is photosynthesis, in simple terms?
How far away is the Moon?
What causes the seasons on Earth?
How do black holes form?
What's the difference between weather and climate?
How do bees make honey?
Why do we have leap years?
What is DNA made of?
How does a rainbow form?
What is the theory of relativity in simple words?
Why do cats purr?
How do tectonic plates cause earthquakes?
What is the speed of light?
How do plants know which way is up?
What is an atom made of?
Why does ice float on water?
How do solar panels generate electricity?
What is quantum entanglement, explained simply?
How do whales communicate?
What's the difference between a comet and an asteroid?
How does the human heart pump blood?
What is CRISPR used for?
Why do leaves change colour in autumn?
How do antibiotics work?
What makes a planet habitable?
How does the greenhouse effect work?
What's the largest animal that has ever lived?
How do birds migrate such long distances?
"""

HAND[("business_email", None)] = """
Write a polite email asking my manager for a day off next Friday.
Draft an email to a client explaining that the project will be delayed by one week.
Help me write a follow-up email after a job interview.
Write a short email declining a meeting invitation politely.
Draft an email to my team announcing the new holiday schedule.
Write a professional email requesting a refund for a damaged product.
Help me write an email introducing two colleagues who should collaborate.
Write an out-of-office message for two weeks of holiday.
Draft an email to a supplier asking for an updated price list.
Write an email thanking a customer for their first order.
Help me ask my landlord to fix a broken boiler in a polite email.
Draft a reminder email for an unpaid invoice that is 30 days overdue.
Write an email welcoming a new employee to the team.
Write a short message to reschedule a dentist appointment.
Draft an email to parents about the school trip next month.
Help me write a resignation letter that keeps things friendly.
Write an email asking a professor for a recommendation letter.
Draft a meeting agenda for our quarterly planning session.
Write a polite reply to a customer complaint about late delivery.
Write an email asking for feedback on my presentation.
Help me write a message to my team celebrating hitting our quarterly target.
Draft an email proposing a partnership with a local coffee shop.
Write a short note to a colleague apologising for missing their call.
Draft a project status update for stakeholders.
Write an email inviting the team to a Friday lunch.
"""

HAND[("customer_support", None)] = """
How do I reset my password on your app?
My order hasn't arrived yet. How can I track it?
Can I change my delivery address after placing an order?
How do I cancel my subscription?
I was charged twice for the same order. What should I do?
Where can I find my invoice for last month?
How do I update my payment method?
The app keeps crashing when I open it on my Android phone.
What's your return policy for sale items?
How do I add a second user to my account?
Can I upgrade my plan mid-month?
I can't log in, it says my account is locked.
How do I export my data from the dashboard?
Do you ship to Ireland?
How long does a refund take to show up on my card?
How do I turn off email notifications?
Is there a student discount?
How do I connect my printer to Wi-Fi?
The coupon code isn't working at checkout.
How do I change the language of the interface to Spanish?
Can I pause my meal kit deliveries while I'm away?
How do I contact a human agent?
My package says delivered but I can't find it.
How do I delete my account?
What are your customer service hours?
"""

HAND[("homework", None)] = """
Can you explain how to solve quadratic equations by completing the square?
What were the main causes of the French Revolution?
Help me understand the difference between mitosis and meiosis.
What's the theme of "Of Mice and Men"?
How do I calculate the area of a circle?
Explain the water cycle for a year 5 project.
What is the difference between a simile and a metaphor?
How do I find the derivative of x squared times sine x?
Can you help me structure an essay on climate change?
What's the capital of Australia, and why isn't it Sydney?
Explain supply and demand with an example.
What is the Pythagorean theorem used for in real life?
How do I balance a chemical equation?
Summarise the causes of the American Civil War.
What is the difference between speed and velocity?
How do I write a good thesis statement?
Explain how a bill becomes a law in the US.
What are the parts of a plant cell?
How do I convert fractions to percentages?
What are the main themes of Romeo and Juliet?
Can you quiz me on the periodic table?
What does GDP measure?
How do I cite a website in APA format?
Explain Newton's three laws of motion.
What are the main climate zones of Africa? It's for my geography test.
Help me understand prime factorisation.
What were the achievements of the Roman Empire?
How does compound interest differ from simple interest? It's for my maths homework.
What's a good way to memorise French verb conjugations?
Explain the difference between an ecosystem and a habitat.
"""

HAND[("everyday_misc", None)] = """
How do I get a stubborn stain out of a white shirt?
What's a good workout routine for beginners at home?
How do I start learning the guitar?
What are some good board games for a family of four?
How can I improve my sleep?
What's a good houseplant for a dark room?
How do I change a flat tyre on a bike?
Suggest some podcasts about history.
How do I train my puppy to stop biting?
What should I consider when buying a used car?
How do I make my small garden feel bigger?
What are some fun activities for a rainy day with kids?
How do I start a vegetable garden on a balcony?
What's a good way to learn a new language as an adult?
How do I stay motivated to exercise in winter?
Recommend a few classic novels for someone who enjoys mysteries.
How do I organise my closet?
What are some tips for a successful job interview?
How do I ask for a raise?
What's a nice gift for a coworker who is leaving?
How can I reduce my electricity bill?
How do I get my toddler to eat vegetables?
What's the best way to clean a laptop keyboard?
How do I meditate for the first time?
Give me ideas for a 10th wedding anniversary.
How do I prepare for a marathon in six months?
What's the difference between a latte and a flat white?
What are good questions to ask on a first date?
How do I repot a root-bound plant?
What should I look for when renting my first flat?
How can I be more productive working from home?
What are some easy ways to reduce plastic use at home?
How do I teach my kid to ride a bike?
How do I unclog a bathroom sink without chemicals?
Which is better for a beginner, a Kindle or a Kobo?
How do I fold a fitted sheet?
Recommend some relaxing music for studying.
How often should I water succulents?
How do I write a good online dating profile?
What's a fun theme for an eighth birthday party?
"""

HAND[("business_misc", None)] = """
How do I write a simple business plan for a food truck?
What are good ways to market a small bakery on social media?
How do I calculate the break-even point for my product?
What should go into an employee onboarding checklist?
How do I run an effective one-on-one meeting?
Give me ideas for a team-building activity that isn't cringe.
How do I price my freelance design work?
What is a SWOT analysis? Can you do one for a bike repair shop?
How do I handle a difficult conversation with an underperforming employee?
What metrics should an e-commerce startup track?
Summarise the key points of agile project management.
How do I set OKRs for a small marketing team?
How do I write a good job description for a data analyst?
What are the pros and cons of a four-day work week?
How do I prepare a pitch for investors?
Create a simple weekly content calendar for a yoga studio.
What's the best way to collect customer feedback?
How do I register a small business in the UK?
What's the difference between revenue and profit?
Give me a template for a project kickoff meeting.
"""

# ---------------------------------------------------------------------------
TEMPLATES = [
    ("coding", None, "How do I {} in {}?",
     [("read a file line by line", "Java"), ("make an HTTP request", "Python"), ("sort a map by value", "Kotlin"),
      ("parse command line arguments", "Rust"), ("write to a file", "C#")]),
    ("coding", None, "What's the idiomatic way to handle errors in {}?",
     ["Go", "Rust", "Swift", "TypeScript"]),
    ("coding", None, "Write a {} function that {}.",
     [("JavaScript", "removes duplicates from an array"), ("Python", "flattens a nested list"),
      ("Java", "checks if a number is prime"), ("Ruby", "capitalises every word in a sentence"),
      ("PHP", "validates an email address")]),
    ("coding", None, "Can you explain what {} means in {}?",
     [("a generator", "Python"), ("ownership", "Rust"), ("a promise", "JavaScript"), ("a goroutine", "Go"),
      ("a sealed class", "Kotlin")]),
    ("travel", None, "What are the top things to do in {} for {}?",
     [("Kyoto", "a first-time visitor"), ("Cape Town", "a foodie"), ("Prague", "a history lover"),
      ("Vancouver", "outdoor fans"), ("Istanbul", "a long weekend")]),
    ("travel", None, "What's the best way to get from {} to {}?",
     [("Paris", "Brussels"), ("Bangkok", "Chiang Mai"), ("Dublin", "Galway"), ("Milan", "Lake Como"),
      ("Sydney", "the Blue Mountains")]),
    ("travel", None, "Is {} worth visiting in {}?",
     [("Croatia", "September"), ("New York", "January"), ("Bali", "the rainy season"), ("Iceland", "summer")]),
    ("cooking", None, "Give me a quick {} recipe using {}.",
     [("soup", "lentils and carrots"), ("pasta", "mushrooms and cream"), ("salad", "quinoa and feta"),
      ("stir fry", "prawns and broccoli"), ("breakfast", "oats and apples")]),
    ("cooking", None, "How do I know when {} is done?",
     ["a roast chicken", "banana bread", "a medium-rare steak", "a jacket potato", "homemade bread"]),
    ("cooking", None, "What can I use instead of {} in {}?",
     [("buttermilk", "scones"), ("eggs", "meatballs"), ("cornstarch", "a stir fry sauce"), ("wine", "risotto")]),
    ("science", None, "Why do {}?",
     ["onions make you cry", "we yawn", "stars twinkle", "metals conduct electricity", "our ears pop on planes"]),
    ("science", None, "How does {} work?",
     ["a microwave oven", "GPS", "a heat pump", "noise-cancelling headphones", "a refrigerator"]),
    ("homework", None, "Explain {} for a {} student.",
     [("the French Revolution", "year 9"), ("photosynthesis", "primary school"), ("fractions", "grade 4"),
      ("the Cold War", "high school"), ("plate tectonics", "year 7")]),
    ("homework", None, "Help me solve this: {}",
     ["3x + 7 = 22", "If a train travels 180 km in 2 hours, what is its average speed?",
      "What is 15% of 240?", "Factorise x^2 - 5x + 6", "Simplify 12/18"]),
    ("business_email", None, "Write a {} email to {} about {}.",
     [("short", "my team", "the new expense policy"), ("friendly", "a new client", "our onboarding steps"),
      ("formal", "the venue", "booking the conference room for March"),
      ("polite", "a vendor", "a late shipment"), ("concise", "my manager", "my progress this week")]),
    ("customer_support", None, "How do I {} on my {}?",
     [("set up parental controls", "smart TV"), ("turn on dark mode", "iPhone"),
      ("change the Wi-Fi password", "router"), ("update the firmware", "smartwatch"),
      ("factory reset", "Bluetooth speaker")]),
    ("everyday_misc", None, "What are some good {} for {}?",
     [("books", "a 12-year-old who loves adventure"), ("gift ideas", "a dad who likes gardening"),
      ("stretches", "people who sit all day"), ("films", "a cosy Sunday"), ("hobbies", "someone who just retired")]),
    ("writing", None, "Write a short {} about {}.",
     [("poem", "the first day of spring"), ("story", "a robot learning to paint"),
      ("speech", "the value of volunteering"), ("blog intro", "starting a morning routine"),
      ("song verse", "a road trip with friends")]),
    ("business_misc", None, "What's a good strategy for {}?",
     ["growing a newsletter from zero", "reducing customer churn", "hiring the first employee",
      "pricing a SaaS product", "running a successful product launch"]),
]

# ---------------------------------------------------------------------------
HAND[("short", None)] = """
translate "good morning" to German
synonyms for happy
what time is it in Tokyo
convert 5 miles to km
best pizza toppings?
explain recursion briefly
python list vs tuple
fun facts about octopuses
tips for a cover letter
how many ounces in a cup
"""
HAND[("long_context", None)] = """
I'm organising a team offsite for 14 people in late September, somewhere within two hours of London by train. We have a budget of about 300 pounds per person for two nights. Can you suggest three options with a rough agenda that balances work sessions and fun activities?
Here's my situation: I have a Spring Boot service that reads from Kafka and writes to Postgres. Under load the consumer lag keeps growing, even though CPU is low. What are the most likely bottlenecks and how would you investigate them step by step?
I'm a first-year teacher with a class of 28 nine-year-olds. Some of them finish work very quickly and get bored while others need a lot of help. What are practical ways to differentiate a maths lesson on fractions without tripling my planning time?
My partner and I are vegetarian and we're hosting her parents, who love meat, for Sunday lunch. Can you suggest a menu that would impress them without anybody feeling like they're missing out?
I need to write a short report for my manager comparing three project management tools (Jira, Trello and Asana) for a team of ten designers. Could you give me a table of pros and cons and a one-paragraph recommendation?
I've just adopted a two-year-old rescue dog who is nervous around men and barks at bikes. What's a gentle training plan for the first month, and when should I consider a professional trainer?
My small online shop sells handmade candles. Sales dropped after the holidays and I'd like to try email marketing. Can you outline a simple three-email sequence for past customers, with subject lines?
I'm studying for the AWS Solutions Architect Associate exam in six weeks, working full time. Can you make a weekly study plan that covers the main domains and includes practice tests?
Can you explain the difference between a Roth and traditional pension contribution in simple terms, and what questions I should ask my HR department before choosing one? I'm 28 and just started my first salaried job.
I'm writing a fantasy novel and my magic system is based on music: people cast spells by singing. What rules or limitations would make it interesting and stop it being overpowered?
Our school's parents' association wants to raise money for new playground equipment. We have about three months. Can you suggest five fundraising ideas that don't involve selling chocolate?
I keep waking up at 4 am and can't fall back asleep. I drink two coffees before noon and exercise in the evening. What habits might be causing it and what should I try first?
I have a CSV with columns date, store, product and revenue. Write a pandas script that computes monthly revenue per store and plots it as a line chart, one line per store.
We are moving from Windows to Linux laptops for our developers. Write a short FAQ for staff covering email, VPN, printing and where to get help.
My grandfather is turning 80 and we're making a photo book. Could you help me write short, warm captions for ten photos spanning his life, from his wedding to his retirement?
"""
HAND[("coding", None)] += """
How do I rename a column in a pandas DataFrame?
What's the difference between == and equals() in Java?
How do I write a Python decorator that times a function?
What's the difference between an inner join and a left join?
How can I make a Bash script exit when any command fails?
How do I add a favicon to my website?
Explain what a race between two async tasks looks like in JavaScript and how Promise.race works.
How do I install a specific version of a package with npm?
How do I test a REST controller in Spring with MockMvc?
What is the difference between a list and a set in Python?
How do I create an index in MySQL?
Why should I use environment variables for configuration?
What's tail recursion?
How do I make a simple progress bar in the terminal with Python?
How can I convert a string to an integer safely in C#?
"""
HAND[("writing", None)] += """
Write a short fairy tale about a fox who learns to share.
Can you make this cover letter sound more confident?
Help me write a speech for my daughter's graduation party.
Write a short review of a cafe I liked for Google Maps.
Give me three alternative endings for my short story about a lost dog.
Write a respectful message to a neighbour about their hedge overhanging our driveway.
Turn this recipe into a cheerful Instagram post.
Write a short bio for a conference speaker who works in renewable energy.
"""
HAND[("travel", None)] += """
What are the best things to see in Seville in one day?
Is it worth getting a JR Pass for a 10-day trip?
What vaccinations do people usually get before travelling to Peru?
What are some romantic weekend getaways near Chicago?
How do I avoid tourist traps in Venice?
What should I know about driving on the left in Ireland?
What's a good packing list for a ski trip?
"""
HAND[("cooking", None)] += """
How do I make crispy roast potatoes?
What's a good sauce for grilled salmon?
How do I stop my cookies from spreading too much?
How do I make a simple vinaigrette?
Can I freeze cooked pasta?
What's a good recipe for a vegan chocolate cake?
How do I make my own granola?
"""
HAND[("science", None)] += """
How do magnets work?
Why do we dream?
How old is the universe and how do we know?
What is dark matter?
How do coral reefs form?
How do fireflies glow?
What's inside the Earth's core?
Why is the ocean salty?
What causes thunder?
How do octopuses change colour?
Why do some animals hibernate?
Why is Mars red?
"""
HAND[("homework", None)] += """
What is the difference between a republic and a democracy?
How do I write a lab report conclusion?
What is the function of the mitochondria?
How do I calculate probability with two dice?
What is alliteration? Give me examples.
What's the difference between an adjective and an adverb?
How do I calculate the mean, median and mode?
Why did the Berlin Wall fall? I need three reasons for my essay.
What's the formula for the volume of a cylinder?
Can you explain the causes of the Great Depression simply?
How do I find the slope of a line from two points?
"""
HAND[("everyday_misc", None)] += """
How do I plan a week of packed lunches for work?
What are some good indoor exercises for a rainy day?
How do I get my houseplants through a holiday week without me?
How do I choose a good watermelon?
How do I make a budget for my first month at university?
What's a polite way to decline a wedding invitation?
How can I make my morning routine faster?
Which board games work well for two players?
How do I descale a coffee machine?
What's a good bedtime routine for a toddler?
How do I get rid of the musty smell in my washing machine?
What are good stretches before running?
How do I teach my cat to use a scratching post?
What's the best way to store winter clothes?
Ideas for a cheap but fun date night at home?
How do I clean a stainless steel fridge without streaks?
What should I bring to a barbecue as a guest?
How do I remove a splinter from a child's finger?
"""
HAND[("customer_support", None)] += """
My discount code expired yesterday, can it be extended?
How do I download the mobile app on a tablet?
Why was my card declined at checkout?
Can I buy gift wrapping for an order?
How do I report a missing item from my delivery?
Where can I find my order number?
Can I return an item without the original box?
How do I apply a gift card to my order?
How do I change my username?
What happens to my files if I downgrade my plan?
"""
HAND[("business_email", None)] += """
Write a polite email asking a colleague to review my pull request by Thursday.
Draft an email asking the client to approve the final design.
Write a short message to my landlord confirming the move-out date.
Write a friendly reminder about tomorrow's team standup time change.
"""
